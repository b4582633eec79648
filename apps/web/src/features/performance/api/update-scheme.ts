import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Scheme, UpdateSchemeBody } from '../../../lib/types.ts';

export type UpdateSchemeInput = { id: string; body: UpdateSchemeBody };

/** Changes a scheme (manager): only the changed fields and the version read; a 409 means someone else saved first. */
export const updateScheme = ({ id, body }: UpdateSchemeInput): Promise<Scheme> => api.patch<Scheme>(`/performance/schemes/${id}`, body);

export function useUpdateScheme({ mutationConfig }: { mutationConfig?: MutationConfig<typeof updateScheme> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateScheme,
    onSuccess: async (...args) => {
      // New weights or targets change every open period's scores (closed ones keep what was reported).
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['performance', 'schemes'] }),
        queryClient.invalidateQueries({ queryKey: ['performance', 'ranking'] }),
      ]);
      return onSuccess?.(...args);
    },
  });
}
