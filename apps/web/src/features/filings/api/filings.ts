import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, uploadFile } from '../../../lib/api.ts';
import { saveFile } from '../../../lib/save-file.ts';
import type { Attachment, Items, LeadReports } from '../../../lib/types.ts';

export const useLeadReports = (leadId: string) =>
  useQuery({ queryKey: ['filings', 'reports', leadId], queryFn: ({ signal }) => api.get<LeadReports>(`/leads/${leadId}/reports`, undefined, signal) });

export const useAttachments = (leadId: string) =>
  useQuery({
    queryKey: ['filings', 'attachments', leadId],
    queryFn: ({ signal }) => api.get<Items<Attachment>>(`/leads/${leadId}/attachments`, undefined, signal),
  });

/** Uploading the investor's confirmation files the lead (已备案): the lead and its lists change too. */
export function useUploadAttachment(leadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadFile<Attachment>(`/leads/${leadId}/attachments`, file),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['filings', 'attachments', leadId] });
      await queryClient.invalidateQueries({ queryKey: ['leads'] });
    },
  });
}

/** The file comes through the API with the bearer token (a plain link would carry none), then is saved. */
export async function downloadAttachment(leadId: string, attachment: Attachment) {
  const { blob, filename } = await download(`/leads/${leadId}/attachments/${attachment.id}`, { accept: attachment.contentType });
  saveFile(blob, filename ?? attachment.originalName);
}

export type DisputeRow = LeadReports['disputes'][number];
export const useDisputes = (status?: 'open') =>
  useQuery({ queryKey: ['filings', 'disputes', status], queryFn: ({ signal }) => api.get<Items<DisputeRow>>('/disputes', { status }, signal) });
export function useSettleDispute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, outcome, note }: { id: string; outcome: 'first_stands' | 'claimant_first'; note: string }) =>
      api.post<DisputeRow>(`/disputes/${id}/settle`, { outcome, note }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['filings'] });
      await queryClient.invalidateQueries({ queryKey: ['leads'] });
    },
  });
}
