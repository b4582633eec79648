import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { UpdateUserBody, User } from '../../../lib/types.ts';

export type UpdateUserInput = { id: string; body: UpdateUserBody };

/** Edits a user; the same call resets a password (`password`) or clears a lock-out (`unlock: true`). */
export const updateUser = ({ id, body }: UpdateUserInput): Promise<User> => api.patch<User>(`/users/${id}`, body);

export function useUpdateUser({ mutationConfig }: { mutationConfig?: MutationConfig<typeof updateUser> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateUser,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      return onSuccess?.(...args);
    },
  });
}
