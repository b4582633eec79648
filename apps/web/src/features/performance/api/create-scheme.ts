import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { CreateSchemeBody, Scheme } from '../../../lib/types.ts';

/** A new scoring scheme (manager): metrics whose weights sum to 100, targets, the 末位 percentage. */
export const createScheme = (body: CreateSchemeBody): Promise<Scheme> => api.post<Scheme>('/performance/schemes', body);

export function useCreateScheme({ mutationConfig }: { mutationConfig?: MutationConfig<typeof createScheme> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createScheme,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: ['performance', 'schemes'] });
      return onSuccess?.(...args);
    },
  });
}
