import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Lead, StageBody } from '../../../lib/types.ts';
import { leadChanged } from './cache.ts';

export type ChangeLeadStageInput = { id: string; body: StageBody };

export const changeLeadStage = ({ id, body }: ChangeLeadStageInput): Promise<Lead> => api.post<Lead>(`/leads/${id}/stage`, body);

export function useChangeLeadStage({ mutationConfig }: { mutationConfig?: MutationConfig<typeof changeLeadStage> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: changeLeadStage,
    onSuccess: async (lead, ...args) => {
      await leadChanged(queryClient, lead);
      return onSuccess?.(lead, ...args);
    },
  });
}
