import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Lead } from '../../../lib/types.ts';

export const getLead = (id: string, signal?: AbortSignal): Promise<Lead> => api.get<Lead>(`/leads/${id}`, undefined, signal);

export const getLeadQueryOptions = (id: string) => queryOptions({ queryKey: ['leads', 'detail', id], queryFn: ({ signal }) => getLead(id, signal) });

export const useLead = (id: string, { enabled = true }: { enabled?: boolean } = {}) => useQuery({ ...getLeadQueryOptions(id), enabled });
