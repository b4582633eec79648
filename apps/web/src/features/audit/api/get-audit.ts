import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { AuditEntry, Page } from '../../../lib/types.ts';

export type AuditFilter = {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** Zone calendar dates, inclusive. */
  from?: string;
  to?: string;
  /** 'true' shows sign-ins (auth.*), hidden by default. */
  includeAuth?: string;
};

export const getAudit = (filter: AuditFilter & { cursor?: string }, signal?: AbortSignal): Promise<Page<AuditEntry>> =>
  api.get<Page<AuditEntry>>('/audit', { ...filter, limit: 50 }, signal);

export const getAuditQueryOptions = (filter: AuditFilter) =>
  infiniteQueryOptions({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam, signal }) => getAudit({ ...filter, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useAudit = (filter: AuditFilter) => useInfiniteQuery(getAuditQueryOptions(filter));
