import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Report } from '../../../lib/types.ts';

/** 月调度 (a month, 2026-10) or 季汇报 (a quarter, 2026-Q3), for every zone or one. */
export type ReportQuery = { kind: 'monthly' | 'quarterly'; period: string; zoneId?: string };

export const reportParams = ({ kind, period, zoneId }: ReportQuery) => (kind === 'monthly' ? { month: period, zoneId } : { quarter: period, zoneId });

export const getReport = (query: ReportQuery, signal?: AbortSignal): Promise<Report> => api.get<Report>(`/reports/${query.kind}`, reportParams(query), signal);

export const getReportQueryOptions = (query: ReportQuery) =>
  queryOptions({
    queryKey: ['reports', query],
    queryFn: ({ signal }) => getReport(query, signal),
    placeholderData: keepPreviousData,
  });

export const useReport = (query: ReportQuery) => useQuery(getReportQueryOptions(query));
