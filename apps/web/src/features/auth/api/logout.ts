import { useMutation } from '@tanstack/react-query';
import { api, endSession } from '../../../lib/api.ts';
import { queryClient } from '../../../lib/query-client.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';

export const logout = (): Promise<{ ok: true }> => api.post<{ ok: true }>('/auth/logout');

export function useLogout({ mutationConfig }: { mutationConfig?: MutationConfig<typeof logout> } = {}) {
  const { onSettled, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: logout,
    // Signed out locally even if the server could not be reached: the access token is dropped either way.
    onSettled: (...args) => {
      endSession();
      queryClient.clear();
      return onSettled?.(...args);
    },
  });
}
