import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Lead, ReassignBody } from '../../../lib/types.ts';
import { leadChanged } from './cache.ts';

export type ReassignLeadInput = { id: string; body: ReassignBody };

/** Managers only: hands the lead to another owner (audited). */
export const reassignLead = ({ id, body }: ReassignLeadInput): Promise<Lead> => api.post<Lead>(`/leads/${id}/reassign`, body);

export function useReassignLead({ mutationConfig }: { mutationConfig?: MutationConfig<typeof reassignLead> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: reassignLead,
    onSuccess: async (lead, ...args) => {
      await leadChanged(queryClient, lead);
      return onSuccess?.(lead, ...args);
    },
  });
}
