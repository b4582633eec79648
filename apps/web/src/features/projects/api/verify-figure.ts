import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { ProjectDetail } from '../../../lib/types.ts';
import { projectChanged } from './cache.ts';

export type VerifyFigureInput = { id: string; figureId: string };

/** Managers only, and never the person who reported the figure (four eyes): 403 otherwise. */
export const verifyFigure = ({ id, figureId }: VerifyFigureInput): Promise<ProjectDetail> =>
  api.post<ProjectDetail>(`/projects/${id}/figures/${figureId}/verify`);

export function useVerifyFigure({ mutationConfig }: { mutationConfig?: MutationConfig<typeof verifyFigure> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: verifyFigure,
    onSuccess: async (project, ...args) => {
      await projectChanged(queryClient, project);
      return onSuccess?.(project, ...args);
    },
  });
}
