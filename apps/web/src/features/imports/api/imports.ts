import type { DataImport, DataImportSummary, LeadImportField } from '@crm/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, uploadFile } from '../../../lib/api.ts';
import { saveFile } from '../../../lib/save-file.ts';
import type { Items } from '../../../lib/types.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const useImports = () => useQuery({ queryKey: ['imports', 'list'], queryFn: ({ signal }) => api.get<Items<DataImportSummary>>('/imports', { kind: 'leads' }, signal) });

/** One import; polled every second while it is being imported (the progress bar). */
export const useImport = (id: string | null) =>
  useQuery({
    queryKey: ['imports', 'one', id],
    queryFn: ({ signal }) => api.get<DataImport>(`/imports/${id}`, undefined, signal),
    enabled: !!id,
    refetchInterval: (query) => (query.state.data?.status === 'importing' ? 1000 : false),
  });

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadFile<DataImport>('/imports?kind=leads', file),
    onSuccess: async (data) => {
      queryClient.setQueryData(['imports', 'one', data.id], data);
      await queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}

export function useCheckImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { mapping: (LeadImportField | null)[]; defaultOwnerId?: string | null }) => api.put<DataImport>(`/imports/${id}/mapping`, body),
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
      await queryClient.invalidateQueries({ queryKey: ['leads'] });
    },
  });
}

export async function downloadTemplate() {
  const { blob, filename } = await download('/imports/template', { params: { kind: 'leads' }, accept: XLSX });
  saveFile(blob, filename ?? '线索导入模板.xlsx');
}

export async function downloadReport(imp: Pick<DataImport, 'id' | 'fileName'>) {
  const { blob, filename } = await download(`/imports/${imp.id}/report`, { accept: XLSX });
  saveFile(blob, filename ?? `${imp.fileName}_检查报告.xlsx`);
}
