import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { ProjectDetail, SignLeadBody } from '../../../lib/types.ts';
import { projectChanged } from './cache.ts';

export type SignLeadInput = { leadId: string; body: SignLeadBody };

/**
 * Signs a lead: the lead becomes a project (owner or manager). 409 CONFLICT when it is already signed
 * (details.projectId names the project); 412 PRECONDITION_FAILED when the lead is lost.
 */
export const signLead = ({ leadId, body }: SignLeadInput): Promise<ProjectDetail> => api.post<ProjectDetail>(`/leads/${leadId}/sign`, body);

export function useSignLead({ mutationConfig }: { mutationConfig?: MutationConfig<typeof signLead> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: signLead,
    onSuccess: async (project, ...args) => {
      await projectChanged(queryClient, project);
      return onSuccess?.(project, ...args);
    },
  });
}
