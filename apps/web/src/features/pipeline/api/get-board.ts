import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { BoardColumn, PipelineFilters } from '../../../lib/types.ts';

/** The kanban of lead stages: count and estimated investment per stage, the 20 most recently moved cards each. */
export const getBoard = (filter: PipelineFilters, signal?: AbortSignal): Promise<{ columns: BoardColumn[] }> =>
  api.get<{ columns: BoardColumn[] }>('/pipeline/board', filter, signal);

export const getBoardQueryOptions = (filter: PipelineFilters) =>
  queryOptions({
    queryKey: ['pipeline', 'board', filter],
    queryFn: ({ signal }) => getBoard(filter, signal),
    select: (data) => data.columns,
  });

export const useBoard = (filter: PipelineFilters) => useQuery(getBoardQueryOptions(filter));
