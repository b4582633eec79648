import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Industry, UpdateIndustryBody } from '../../../lib/types.ts';

export type UpdateIndustryInput = { id: string; body: UpdateIndustryBody };

export const updateIndustry = ({ id, body }: UpdateIndustryInput): Promise<Industry> => api.patch<Industry>(`/industries/${id}`, body);

export function useUpdateIndustry({ mutationConfig }: { mutationConfig?: MutationConfig<typeof updateIndustry> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateIndustry,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: ['industries'] });
      return onSuccess?.(...args);
    },
  });
}
