import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Agent, CreateAgentBody } from '../../../lib/types.ts';

export const createAgent = (body: CreateAgentBody): Promise<Agent> => api.post<Agent>('/agents', body);

export function useCreateAgent({ mutationConfig }: { mutationConfig?: MutationConfig<typeof createAgent> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createAgent,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: ['agents'] });
      return onSuccess?.(...args);
    },
  });
}
