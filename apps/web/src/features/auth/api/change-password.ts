import { useMutation } from '@tanstack/react-query';
import type { ChangePasswordBody, LoginResult } from '@crm/shared';
import type { z } from 'zod';
import { api, startSession } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';

export type ChangePasswordInput = z.input<typeof ChangePasswordBody>;

/** The server ends every session of the user and answers with a fresh one for this browser (new token, new cookie). */
export const changePassword = (input: ChangePasswordInput): Promise<LoginResult> => api.post<LoginResult>('/auth/password', input);

export function useChangePassword({ mutationConfig }: { mutationConfig?: MutationConfig<typeof changePassword> } = {}) {
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: changePassword,
    onSuccess: (result, ...args) => {
      startSession(result);
      return onSuccess?.(result, ...args);
    },
  });
}
