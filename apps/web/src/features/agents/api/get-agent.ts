import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Agent } from '../../../lib/types.ts';

export const getAgent = (id: string, signal?: AbortSignal): Promise<Agent> => api.get<Agent>(`/agents/${id}`, undefined, signal);

export const getAgentQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['agents', 'detail', id], queryFn: ({ signal }) => getAgent(id, signal) });

export const useAgent = (id: string | null) => useQuery({ ...getAgentQueryOptions(id ?? ''), enabled: !!id });
