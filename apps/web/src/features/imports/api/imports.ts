import type { DataImport, DataImportSummary, ImportKind } from '@crm/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, uploadFile } from '../../../lib/api.ts';
import { saveFile } from '../../../lib/save-file.ts';
import type { Items } from '../../../lib/types.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const useImports = (kind: ImportKind) =>
  useQuery({ queryKey: ['imports', 'list', kind], queryFn: ({ signal }) => api.get<Items<DataImportSummary>>('/imports', { kind }, signal) });

/** One import; polled every second while it is being imported (the progress bar). */
export const useImport = (id: string | null) =>
  useQuery({
    queryKey: ['imports', 'one', id],
    queryFn: ({ signal }) => api.get<DataImport>(`/imports/${id}`, undefined, signal),
    enabled: !!id,
    refetchInterval: (query) => (query.state.data?.status === 'importing' ? 1000 : false),
  });

export function useUploadImport(kind: ImportKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadFile<DataImport>(`/imports?kind=${kind}`, file),
    onSuccess: async (data) => {
      queryClient.setQueryData(['imports', 'one', data.id], data);
      await queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}

export function useCheckImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { mapping: (string | null)[]; defaultOwnerId?: string | null }) => api.put<DataImport>(`/imports/${id}/mapping`, body),
    onSuccess: async (data) => {
      queryClient.setQueryData(['imports', 'one', id], data);
      await queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}

export function useRunImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<DataImport>(`/imports/${id}/run`),
    onSuccess: async (data) => {
      queryClient.setQueryData(['imports', 'one', id], data);
      await queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
      await queryClient.invalidateQueries({ queryKey: [data.kind] });
    },
  });
}

export async function downloadTemplate(kind: ImportKind) {
  const { blob, filename } = await download('/imports/template', { params: { kind }, accept: XLSX });
  saveFile(blob, filename ?? `${kind}-import-template.xlsx`);
}

export async function downloadReport(imp: Pick<DataImport, 'id' | 'fileName'>) {
  const { blob, filename } = await download(`/imports/${imp.id}/report`, { accept: XLSX });
  saveFile(blob, filename ?? `${imp.fileName}_检查报告.xlsx`);
}
