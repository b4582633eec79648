import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { CreateIndustryBody, Industry } from '../../../lib/types.ts';

export const createIndustry = (body: CreateIndustryBody): Promise<Industry> => api.post<Industry>('/industries', body);

export function useCreateIndustry({ mutationConfig }: { mutationConfig?: MutationConfig<typeof createIndustry> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createIndustry,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: ['industries'] });
      return onSuccess?.(...args);
    },
  });
}
