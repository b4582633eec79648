import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { CreditsBody, ProjectDetail } from '../../../lib/types.ts';
import { projectChanged } from './cache.ts';

export type SetCreditsInput = { id: string; body: CreditsBody };

/** Managers only. Shares must sum to exactly 10000 bp; a 400 says what they summed to. The old split is kept. */
export const setCredits = ({ id, body }: SetCreditsInput): Promise<ProjectDetail> => api.put<ProjectDetail>(`/projects/${id}/credits`, body);

export function useSetCredits({ mutationConfig }: { mutationConfig?: MutationConfig<typeof setCredits> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: setCredits,
    onSuccess: async (project, ...args) => {
      await projectChanged(queryClient, project);
      return onSuccess?.(project, ...args);
    },
  });
}
