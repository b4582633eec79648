import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Lead, UpdateLeadBody } from '../../../lib/types.ts';
import { leadChanged } from './cache.ts';

export type UpdateLeadInput = { id: string; body: UpdateLeadBody };

/** Sends the `version` it read; 409 CONFLICT when someone saved the lead since (optimistic locking). */
export const updateLead = ({ id, body }: UpdateLeadInput): Promise<Lead> => api.patch<Lead>(`/leads/${id}`, body);

export function useUpdateLead({ mutationConfig }: { mutationConfig?: MutationConfig<typeof updateLead> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateLead,
    onSuccess: async (lead, ...args) => {
      await leadChanged(queryClient, lead);
      return onSuccess?.(lead, ...args);
    },
  });
}
