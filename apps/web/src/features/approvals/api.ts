import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AcceptApprovalBody,
  ApprovalItem,
  ApprovalKind,
  ApprovalKindBody,
  ApprovalTimeRow,
  DecideApprovalBody,
  DocumentsCompleteBody,
  SubmitApprovalBody,
  UpdateApprovalKindBody,
} from '@crm/shared';
import { api } from '../../lib/api.ts';
import type { z } from 'zod';

/** 审批事项 (issue 14): the catalogue, a project's items with their clocks, the overdue list and the averages. */
export const useApprovalKinds = () =>
  useQuery({
    queryKey: ['approvals', 'kinds'],
    queryFn: ({ signal }) => api.get<{ items: ApprovalKind[] }>('/approval-kinds', undefined, signal),
    staleTime: 60_000,
  });

export const useProjectApprovals = (projectId: string) =>
  useQuery({
    queryKey: ['approvals', 'project', projectId],
    queryFn: ({ signal }) => api.get<{ items: ApprovalItem[] }>(`/projects/${projectId}/approvals`, undefined, signal),
  });

export const useOverdueApprovals = (enabled = true) =>
  useQuery({
    queryKey: ['approvals', 'overdue'],
    queryFn: ({ signal }) => api.get<{ items: ApprovalItem[] }>('/approvals/overdue', undefined, signal),
    enabled,
  });

export const useApprovalTimes = (params: { from?: string; to?: string }, enabled = true) =>
  useQuery({
    queryKey: ['approvals', 'times', params],
    queryFn: ({ signal }) => api.get<{ items: z.output<typeof ApprovalTimeRow>[] }>('/reports/approval-times', params, signal),
    enabled,
  });

type Step =
  | { step: 'submit'; projectId: string; body: z.input<typeof SubmitApprovalBody> }
  | { step: 'accept'; id: string; body: z.input<typeof AcceptApprovalBody> }
  | { step: 'documents'; id: string; body: z.input<typeof DocumentsCompleteBody> }
  | { step: 'decide'; id: string; body: z.input<typeof DecideApprovalBody> };

const send = (s: Step): Promise<ApprovalItem> =>
  s.step === 'submit' ? api.post<ApprovalItem>(`/projects/${s.projectId}/approvals`, s.body) : api.post<ApprovalItem>(`/approvals/${s.id}/${s.step}`, s.body);

export function useApprovalStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['approvals'] });
    },
  });
}

/** The admin's edit of the catalogue: add a kind, or change one (a running item keeps the days it started with). */
export function useSaveApprovalKind() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (s: { id: null; body: z.input<typeof ApprovalKindBody> } | { id: string; body: z.input<typeof UpdateApprovalKindBody> }) =>
      s.id === null ? api.post<ApprovalKind>('/approval-kinds', s.body) : api.patch<ApprovalKind>(`/approval-kinds/${s.id}`, s.body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['approvals'] });
    },
  });
}
