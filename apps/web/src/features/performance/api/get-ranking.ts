import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Ranking } from '../../../lib/types.ts';

export type RankingQuery = { period: string; schemeId: string };

/**
 * The ranking of a period (2026-10, 2026-Q3, 2026) under a scheme: managers get everyone, staff only their own
 * row (with their rank and how many are ranked). A closed period comes back as reported, with restatements.
 */
export const getRanking = (query: RankingQuery, signal?: AbortSignal): Promise<Ranking> => api.get<Ranking>('/performance', query, signal);

export const getRankingQueryOptions = (query: RankingQuery) =>
  queryOptions({
    queryKey: ['performance', 'ranking', query],
    queryFn: ({ signal }) => getRanking(query, signal),
    placeholderData: keepPreviousData,
  });

export const useRanking = (query: RankingQuery | null) => useQuery({ ...getRankingQueryOptions(query ?? { period: '', schemeId: '' }), enabled: !!query });
