import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { FunnelStep, PipelineFilters } from '../../../lib/types.ts';

/** leads → contacted → visited → negotiating → signed → construction → production; staff get only their own. */
export const getFunnel = (filter: PipelineFilters, signal?: AbortSignal): Promise<{ steps: FunnelStep[] }> =>
  api.get<{ steps: FunnelStep[] }>('/pipeline/funnel', filter, signal);

export const getFunnelQueryOptions = (filter: PipelineFilters) =>
  queryOptions({
    queryKey: ['pipeline', 'funnel', filter],
    queryFn: ({ signal }) => getFunnel(filter, signal),
    select: (data) => data.steps,
  });

export const useFunnel = (filter: PipelineFilters) => useQuery(getFunnelQueryOptions(filter));
