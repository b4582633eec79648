import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Calculation, CalculationStatus, Page, RewardKind } from '../../../lib/types.ts';

export type CalculationsFilter = { status?: CalculationStatus; kind?: RewardKind; projectId?: string };

/** Newest first, keyset-paged. */
export const getCalculations = (filter: CalculationsFilter & { cursor?: string }, signal?: AbortSignal): Promise<Page<Calculation>> =>
  api.get<Page<Calculation>>('/reward-calculations', { limit: 50, ...filter }, signal);

export const getCalculationsQueryOptions = (filter: CalculationsFilter) =>
  infiniteQueryOptions({
    queryKey: ['rewards', 'calculations', 'list', filter],
    queryFn: ({ pageParam, signal }) => getCalculations({ ...filter, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useCalculations = (filter: CalculationsFilter) => useInfiniteQuery(getCalculationsQueryOptions(filter));
