import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Items, Zone } from '../../../lib/types.ts';

export const getZones = (signal?: AbortSignal): Promise<Items<Zone>> => api.get<Items<Zone>>('/zones', undefined, signal);

export const getZonesQueryOptions = () =>
  queryOptions({
    queryKey: ['zones'],
    queryFn: ({ signal }) => getZones(signal),
    staleTime: 5 * 60_000,
    select: (data) => data.items,
  });

export const useZones = () => useQuery(getZonesQueryOptions());
