import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Dashboard } from '../../../lib/types.ts';

export type DashboardQuery = { year: number; schemeId?: string };

/** The managers' dashboard for a year: funnel, monthly trend, zone targets vs actuals, ranking, chains, 亩产. */
export const getDashboard = (query: DashboardQuery, signal?: AbortSignal): Promise<Dashboard> => api.get<Dashboard>('/dashboard', query, signal);

export const getDashboardQueryOptions = (query: DashboardQuery) =>
  queryOptions({
    queryKey: ['dashboard', query],
    queryFn: ({ signal }) => getDashboard(query, signal),
    placeholderData: keepPreviousData,
  });

export const useDashboard = (query: DashboardQuery) => useQuery(getDashboardQueryOptions(query));
