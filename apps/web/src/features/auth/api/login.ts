import { useMutation } from '@tanstack/react-query';
import type { LoginBody, LoginResult } from '@crm/shared';
import type { z } from 'zod';
import { api, startSession } from '../../../lib/api.ts';
import { queryClient } from '../../../lib/query-client.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';

export type LoginInput = z.input<typeof LoginBody>;

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
