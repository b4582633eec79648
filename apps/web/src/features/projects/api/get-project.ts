import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { ProjectDetail } from '../../../lib/types.ts';

/** A project with its milestones, reported figures and current credits. */
export const getProject = (id: string, signal?: AbortSignal): Promise<ProjectDetail> => api.get<ProjectDetail>(`/projects/${id}`, undefined, signal);

export const getProjectQueryOptions = (id: string) => queryOptions({ queryKey: ['projects', 'detail', id], queryFn: ({ signal }) => getProject(id, signal) });

export const useProject = (id: string) => useQuery(getProjectQueryOptions(id));
