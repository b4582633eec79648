import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { FigureBody, ProjectDetail } from '../../../lib/types.ts';
import { projectChanged } from './cache.ts';

export type ReportFigureInput = { id: string; body: FigureBody };

/** A reported figure is kept as history and stays unverified until a manager other than the reporter verifies it. */
export const reportFigure = ({ id, body }: ReportFigureInput): Promise<ProjectDetail> => api.post<ProjectDetail>(`/projects/${id}/figures`, body);

export function useReportFigure({ mutationConfig }: { mutationConfig?: MutationConfig<typeof reportFigure> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: reportFigure,
    onSuccess: async (project, ...args) => {
      await projectChanged(queryClient, project);
      return onSuccess?.(project, ...args);
    },
  });
}
