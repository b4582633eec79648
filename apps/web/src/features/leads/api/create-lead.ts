import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { CreateLeadBody, Lead } from '../../../lib/types.ts';
import { leadChanged } from './cache.ts';

/** 409 CONFLICT when the company already has a lead (撞单); details name the owner and protection expiry. */
export const createLead = (body: CreateLeadBody): Promise<Lead> => api.post<Lead>('/leads', body);

export function useCreateLead({ mutationConfig }: { mutationConfig?: MutationConfig<typeof createLead> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createLead,
    onSuccess: async (lead, ...args) => {
      await leadChanged(queryClient, lead);
      return onSuccess?.(lead, ...args);
    },
  });
}
