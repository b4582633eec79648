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
  useQuery({ queryKey: ['clocks', 'summary', { zoneId }], queryFn: ({ signal }) => api.get<OverdueSummary>('/clocks/summary', { zoneId }, signal), refetchInterval: 60_000 });
export const useTimings = (from: string, to: string) =>
  useQuery({ queryKey: ['clocks', 'timings', { from, to }], queryFn: ({ signal }) => api.get<Timings>('/clocks/timings', { from, to }, signal) });
