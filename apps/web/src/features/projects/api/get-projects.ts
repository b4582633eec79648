import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Page, Project, ProjectMilestone } from '../../../lib/types.ts';

export type ProjectsFilter = {
  q?: string;
  milestone?: ProjectMilestone;
  zoneId?: string;
  industryId?: string;
  ownerId?: string;
};

export const getProjects = (filter: ProjectsFilter & { cursor?: string; limit?: number }, signal?: AbortSignal): Promise<Page<Project>> =>
  api.get<Page<Project>>('/projects', { limit: 50, ...filter }, signal);

export const getProjectsQueryOptions = (filter: ProjectsFilter) =>
  infiniteQueryOptions({
    queryKey: ['projects', 'list', filter],
    queryFn: ({ pageParam, signal }) => getProjects({ ...filter, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useProjects = (filter: ProjectsFilter) => useInfiniteQuery(getProjectsQueryOptions(filter));

/**
 * The project a signed lead became. The list has no lead filter, so this searches by the company's name
 * (a project is named after its company when signed) and matches the lead id.
 */
export const getProjectOfLeadQueryOptions = (lead: { id: string; companyName: string }) =>
  queryOptions({
    queryKey: ['projects', 'list', 'of-lead', lead.id],
    queryFn: ({ signal }) => getProjects({ q: lead.companyName, limit: 20 }, signal),
    select: (page) => page.items.find((p) => p.leadId === lead.id) ?? null,
  });

export const useProjectOfLead = (lead: { id: string; companyName: string }, enabled: boolean) => useQuery({ ...getProjectOfLeadQueryOptions(lead), enabled });
