import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { MilestoneBody, ProjectDetail } from '../../../lib/types.ts';
import { projectChanged } from './cache.ts';

export type RecordMilestoneInput = { id: string; body: MilestoneBody };

/**
 * Milestones come in order (land_acquired may be skipped), once each, never dated before an earlier one:
 * a 400 names the field (`date` or `milestone`) and the earlier milestone.
 */
export const recordMilestone = ({ id, body }: RecordMilestoneInput): Promise<ProjectDetail> => api.post<ProjectDetail>(`/projects/${id}/milestones`, body);

export function useRecordMilestone({ mutationConfig }: { mutationConfig?: MutationConfig<typeof recordMilestone> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: recordMilestone,
    onSuccess: async (project, ...args) => {
      await projectChanged(queryClient, project);
      return onSuccess?.(project, ...args);
    },
  });
}
