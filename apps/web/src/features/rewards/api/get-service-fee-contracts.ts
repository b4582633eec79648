import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Items, ServiceFeeContract } from '../../../lib/types.ts';

/** 购买招商服务 contracts with agents, newest first. */
export const getServiceFeeContracts = (signal?: AbortSignal): Promise<Items<ServiceFeeContract>> =>
  api.get<Items<ServiceFeeContract>>('/service-fee-contracts', undefined, signal);

export const getServiceFeeContractsQueryOptions = () =>
  queryOptions({
    queryKey: ['rewards', 'service-fee-contracts'],
    queryFn: ({ signal }) => getServiceFeeContracts(signal),
    select: (data) => data.items,
  });

export const useServiceFeeContracts = () => useQuery(getServiceFeeContractsQueryOptions());
