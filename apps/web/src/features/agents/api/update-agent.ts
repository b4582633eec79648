import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Agent, UpdateAgentBody } from '../../../lib/types.ts';

export type UpdateAgentInput = { id: string; body: UpdateAgentBody };

export const updateAgent = ({ id, body }: UpdateAgentInput): Promise<Agent> => api.patch<Agent>(`/agents/${id}`, body);

export function useUpdateAgent({ mutationConfig }: { mutationConfig?: MutationConfig<typeof updateAgent> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateAgent,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: ['agents'] });
      return onSuccess?.(...args);
    },
  });
}
