import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { LifecycleColumn, PipelineFilters } from '../../../lib/types.ts';

/** Projects by their current milestone, with count, contract investment and 亩产 (up to 50 cards per column). */
export const getLifecycle = (filter: PipelineFilters, signal?: AbortSignal): Promise<{ columns: LifecycleColumn[] }> =>
  api.get<{ columns: LifecycleColumn[] }>('/pipeline/lifecycle', filter, signal);

export const getLifecycleQueryOptions = (filter: PipelineFilters) =>
  queryOptions({
    queryKey: ['projects', 'lifecycle', filter],
    queryFn: ({ signal }) => getLifecycle(filter, signal),
    select: (data) => data.columns,
  });

export const useLifecycle = (filter: PipelineFilters) => useQuery(getLifecycleQueryOptions(filter));
