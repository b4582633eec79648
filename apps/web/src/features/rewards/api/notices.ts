import type { CalculationObjections, NoticeItem, Objection, Recovery } from '@crm/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

/** 公示 and 追回 (issue 14): the notice list, objections and their resolution, recoveries and their instalments. */
export type NoticeData = { items: NoticeItem[]; today: string };

export const useNotices = () =>
  useQuery({ queryKey: ['rewards', 'notices'], queryFn: ({ signal }) => api.get<NoticeData>('/reward-notices', undefined, signal) });

/** One calculation's objections with the zone's today (the server's), for its 公示 card. */
export const useCalculationObjections = (calculationId: string, enabled: boolean) =>
  useQuery({
    queryKey: ['rewards', 'calculations', 'objections', calculationId],
    queryFn: ({ signal }) => api.get<CalculationObjections>(`/reward-calculations/${calculationId}/objections`, undefined, signal),
    enabled,
  });

export function useRaiseObjection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ calculationId, reason }: { calculationId: string; reason: string }) =>
      api.post<Objection>(`/reward-calculations/${calculationId}/objections`, { reason }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['rewards'] }),
  });
}

export function useResolveObjection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ objection, outcome, resolution }: { objection: Objection; outcome: 'upheld' | 'dismissed'; resolution: string }) =>
      api.post<Objection>(`/reward-objections/${objection.id}/resolve`, { version: objection.version, outcome, resolution }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['rewards'] }),
  });
}

export function useFlagRecovery() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { paymentId: string; owedFen: number; reason: string }) => api.post<Recovery>('/reward-recoveries', body),
    onSettled: () => qc.invalidateQueries({ queryKey: ['rewards'] }),
  });
}

export function useRecordInstalment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ recovery, amountFen, receivedOn, reference }: { recovery: Recovery; amountFen: number; receivedOn: string; reference: string }) =>
      api.post<Recovery>(`/reward-recoveries/${recovery.id}/instalments`, { version: recovery.version, amountFen, receivedOn, reference }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['rewards'] }),
  });
}

/** Yuan as typed ("1234.5") to fen, exactly; null when it is not an amount. */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(BigInt(m[1] ?? '0') * 100n + BigInt((m[2] ?? '').padEnd(2, '0')));
}
