import { useMutation } from '@tanstack/react-query';
import { api, startSession, type LoginResult } from '../../../lib/api.ts';
import { queryClient } from '../../../lib/query-client.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';

export type LoginInput = { username: string; password: string };

export const login = (input: LoginInput): Promise<LoginResult> => api.post<LoginResult>('/auth/login', input);

export function useLogin({ mutationConfig }: { mutationConfig?: MutationConfig<typeof login> } = {}) {
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: login,
    onSuccess: (result, ...args) => {
      // Nothing cached for a previous user may show to this one.
      queryClient.clear();
      startSession(result);
      return onSuccess?.(result, ...args);
    },
  });
}
