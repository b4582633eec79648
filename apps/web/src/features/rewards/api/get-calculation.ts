import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Calculation } from '../../../lib/types.ts';

/** One calculation with its frozen inputs, trace and payee lines. */
export const getCalculation = (id: string, signal?: AbortSignal): Promise<Calculation> => api.get<Calculation>(`/reward-calculations/${id}`, undefined, signal);

export const getCalculationQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['rewards', 'calculations', 'detail', id], queryFn: ({ signal }) => getCalculation(id, signal) });

export const useCalculation = (id: string) => useQuery(getCalculationQueryOptions(id));
