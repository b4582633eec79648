import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { IndicatorEntries, IndicatorSheet, LandYield } from '../../../lib/types.ts';

export const useIndicatorSheet = (year: number) =>
  useQuery({ queryKey: ['indicators', 'sheet', year], queryFn: ({ signal }) => api.get<IndicatorSheet>('/indicators', { year }, signal) });
export const useIndicatorEntries = (year: number) =>
  useQuery({ queryKey: ['indicators', 'entries', year], queryFn: ({ signal }) => api.get<IndicatorEntries>('/indicators/entries', { year }, signal) });
export const useLandYield = (year: number) =>
  useQuery({ queryKey: ['indicators', 'yield', year], queryFn: ({ signal }) => api.get<LandYield>('/indicators/land-yield', { year }, signal) });
export const useDemoStatus = () =>
  useQuery({
    queryKey: ['demo'],
    queryFn: ({ signal }) => api.get<{ loaded: boolean; note: string | null }>('/demo', undefined, signal),
    staleTime: 10 * 60_000,
  });

type ActualInput = { indicatorCode: string; zoneId: string | null; month: string; value: number | null };
type TargetInput = { indicatorCode: string; zoneId: string | null; target: number | null; note?: string | null };
export function useSaveIndicator() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { actual?: ActualInput; target?: TargetInput & { year: number } }) =>
      input.actual
        ? api.put<IndicatorEntries>('/indicators/actuals', { actuals: [input.actual] })
        : api.put<IndicatorEntries>('/indicators/targets', { year: input.target?.year, targets: [{ ...input.target, year: undefined }] }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['indicators'] }),
  });
}
