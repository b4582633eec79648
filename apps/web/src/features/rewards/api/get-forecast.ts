import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Forecast } from '../../../lib/types.ts';

/** What signed projects and leads in negotiation would cost in rewards if they land, less what is paid. */
export const getForecast = (filter: { policyId?: string }, signal?: AbortSignal): Promise<Forecast> => api.get<Forecast>('/finance/forecast', filter, signal);

export const getForecastQueryOptions = (filter: { policyId?: string } = {}) =>
  queryOptions({ queryKey: ['rewards', 'forecast', filter], queryFn: ({ signal }) => getForecast(filter, signal) });

export const useForecast = (filter: { policyId?: string } = {}) => useQuery(getForecastQueryOptions(filter));
