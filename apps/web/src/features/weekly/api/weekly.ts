import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download } from '../../../lib/api.ts';
import { saveFile } from '../../../lib/save-file.ts';
import type { WeeklyReport, WeeklyTeam } from '../../../lib/types.ts';

export const useMyWeek = (week: string) =>
  useQuery({ queryKey: ['weekly', 'mine', week], queryFn: ({ signal }) => api.get<WeeklyReport>('/weekly-reports/mine', { week }, signal) });
export const useTeamWeek = (week: string, enabled: boolean) =>
  useQuery({ queryKey: ['weekly', 'team', week], queryFn: ({ signal }) => api.get<WeeklyTeam>('/weekly-reports/team', { week }, signal), enabled });
export const useUserWeek = (userId: string | null, week: string) =>
  useQuery({
    queryKey: ['weekly', 'user', userId, week],
    queryFn: ({ signal }) => api.get<WeeklyReport>(`/weekly-reports/users/${userId}`, { week }, signal),
    enabled: !!userId,
  });

export function useSaveWeek(week: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ submit, body }: { submit: boolean; body: { notes: string | null; plans: string | null; version?: number } }) =>
      submit ? api.post<WeeklyReport>(`/weekly-reports/mine/${week}/submit`, body) : api.put<WeeklyReport>(`/weekly-reports/mine/${week}`, body),
    onSuccess: (report) => {
      queryClient.setQueryData(['weekly', 'mine', week], report);
      return queryClient.invalidateQueries({ queryKey: ['weekly', 'team'] });
    },
  });
}

export async function downloadRollup(week: string, zoneId?: string) {
  const { blob, filename } = await download('/weekly-reports/rollup', { params: { week, zoneId, format: 'xlsx' } });
  saveFile(blob, filename ?? `weekly-${week}.xlsx`);
}
