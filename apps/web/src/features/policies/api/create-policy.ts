import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { CreatePolicyBody, Policy } from '../../../lib/types.ts';
import { policyChanged } from './cache.ts';

/** Admins and managers; 409 when the name is taken, 400 naming the version field that breaks a rule. */
export const createPolicy = (body: CreatePolicyBody): Promise<Policy> => api.post<Policy>('/policies', body);

export function useCreatePolicy({ mutationConfig }: { mutationConfig?: MutationConfig<typeof createPolicy> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createPolicy,
    onSuccess: async (policy, ...args) => {
      await policyChanged(queryClient, policy);
      return onSuccess?.(policy, ...args);
    },
  });
}
