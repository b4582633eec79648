import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { CreateVersionBody, Policy } from '../../../lib/types.ts';
import { policyChanged } from './cache.ts';

export type AddPolicyVersionInput = { id: string; body: CreateVersionBody };

/**
 * Versions are never edited: a change is a new version, and the newest version covering a date applies from
 * then on. Returns the policy with all its versions.
 */
export const addPolicyVersion = ({ id, body }: AddPolicyVersionInput): Promise<Policy> => api.post<Policy>(`/policies/${id}/versions`, body);

export function useAddPolicyVersion({ mutationConfig }: { mutationConfig?: MutationConfig<typeof addPolicyVersion> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: addPolicyVersion,
    onSuccess: async (policy, ...args) => {
      await policyChanged(queryClient, policy);
      return onSuccess?.(policy, ...args);
    },
  });
}
