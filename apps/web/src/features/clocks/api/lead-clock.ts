import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { FeedbackBody, JudgementBody, LeadClockDetail, OverdueSummary, Timings } from '../../../lib/types.ts';

export const getLeadClockQueryOptions = (leadId: string) =>
  queryOptions({ queryKey: ['clocks', 'lead', leadId], queryFn: ({ signal }) => api.get<LeadClockDetail>(`/leads/${leadId}/clock`, undefined, signal) });
export const useLeadClock = (leadId: string) => useQuery(getLeadClockQueryOptions(leadId));

/** A judgement or feedback moves the clock: the lead, the lists and the clock view all change. */
function useClockMutation<Body>(path: (leadId: string) => string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ leadId, body }: { leadId: string; body: Body }) => api.post<unknown>(path(leadId), body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['clocks'] });
      await queryClient.invalidateQueries({ queryKey: ['leads'] });
    },
  });
}
export const useJudge = () => useClockMutation<JudgementBody>((id) => `/leads/${id}/judgements`);
export const useGiveFeedback = () => useClockMutation<FeedbackBody>((id) => `/leads/${id}/feedback`);

export const useOverdueSummary = (zoneId?: string) =>
  useQuery({
    queryKey: ['clocks', 'summary', { zoneId }],
    queryFn: ({ signal }) => api.get<OverdueSummary>('/clocks/summary', { zoneId }, signal),
    refetchInterval: 60_000,
  });
export const useTimings = (from: string, to: string) =>
  useQuery({ queryKey: ['clocks', 'timings', { from, to }], queryFn: ({ signal }) => api.get<Timings>('/clocks/timings', { from, to }, signal) });

export type ZoneRulesRow = {
  zoneId: string;
  zoneName: string;
  isDefault: boolean;
  respondDays: number;
  judgeDays: number;
  judgeMajorDays: number;
  feedbackDays: number;
  reportEveryDays: number;
  majorThresholdFen: number;
  managerId: string | null;
  managerName: string | null;
  webhook: { kind: 'wecom' | 'dingtalk' | null; configured: boolean; url: string | null; secretSet: boolean };
  digestHour: number;
  version: number;
};
export const useClockRules = () =>
  useQuery({ queryKey: ['clocks', 'rules'], queryFn: ({ signal }) => api.get<{ items: ZoneRulesRow[] }>('/clocks/rules', undefined, signal) });
export function useSetClockRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ zoneId, body }: { zoneId: string; body: Record<string, unknown> }) => api.put<ZoneRulesRow>(`/zones/${zoneId}/clock-rules`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['clocks', 'rules'] }),
  });
}
export type CalendarDay = { day: string; working: boolean; note: string | null };
export const useCalendar = (year: number) =>
  useQuery({ queryKey: ['clocks', 'calendar', year], queryFn: ({ signal }) => api.get<{ items: CalendarDay[] }>('/clocks/calendar', { year }, signal) });
export function useSetCalendarDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ day, working, note, remove }: { day: string; working?: boolean; note?: string | null; remove?: boolean }): Promise<void> => {
      if (remove) await api.delete<{ ok: true }>(`/clocks/calendar/${day}`);
      else await api.put<CalendarDay>(`/clocks/calendar/${day}`, { working, note });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['clocks', 'calendar'] }),
  });
}
