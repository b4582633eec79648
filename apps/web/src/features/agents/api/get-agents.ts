import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Agent, AgentStatus, Page } from '../../../lib/types.ts';

export type AgentsFilter = { q?: string; status?: AgentStatus };

export const getAgents = (filter: AgentsFilter & { cursor?: string; limit?: number }, signal?: AbortSignal): Promise<Page<Agent>> =>
  api.get<Page<Agent>>('/agents', { limit: 50, ...filter }, signal);

export const getAgentsQueryOptions = (filter: AgentsFilter) =>
  infiniteQueryOptions({
    queryKey: ['agents', 'list', filter],
    queryFn: ({ pageParam, signal }) => getAgents({ ...filter, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useAgents = (filter: AgentsFilter) => useInfiniteQuery(getAgentsQueryOptions(filter));

/** Active agents for a picker (a lead's agent): one page of up to 500 is plenty for a zone. */
export const getAgentChoicesQueryOptions = () =>
  queryOptions({
    queryKey: ['agents', 'choices'],
    queryFn: ({ signal }) => getAgents({ status: 'active', limit: 500 }, signal),
    staleTime: 60_000,
    select: (page) => page.items,
  });

export const useAgentChoices = () => useQuery(getAgentChoicesQueryOptions());
