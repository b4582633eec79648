import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { DrillItem, Items, PerformanceMetric } from '../../../lib/types.ts';
import type { RankingQuery } from './get-ranking.ts';

export type DrillQuery = RankingQuery & { staffId: string; metric: PerformanceMetric };

/** The leads, visits or credited projects behind one figure of one staff member in one period. */
export const getDrill = (query: DrillQuery, signal?: AbortSignal): Promise<Items<DrillItem>> => api.get<Items<DrillItem>>('/performance/drill', query, signal);

export const getDrillQueryOptions = (query: DrillQuery) =>
  queryOptions({
    queryKey: ['performance', 'drill', query],
    queryFn: ({ signal }) => getDrill(query, signal),
    select: (data) => data.items,
  });

export const useDrill = (query: DrillQuery | null) =>
  useQuery({ ...getDrillQueryOptions(query ?? { period: '', schemeId: '', staffId: '', metric: 'new_leads' }), enabled: !!query });
