import { useMutation } from '@tanstack/react-query';
import { download } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { saveFile } from '../../../lib/save-file.ts';
import { zoneToday } from '../../../lib/zone-time.ts';

export type ExportFormat = 'xlsx' | 'json';

const ACCEPT: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

/** Admins only: every record of every entity (a sheet per entity, or one JSON document), saved under the server's name. */
export async function exportAll(format: ExportFormat): Promise<{ filename: string }> {
  const { blob, filename } = await download('/export', { params: { format }, accept: ACCEPT[format] });
  const name = filename ?? `招商CRM全部数据_${zoneToday()}.${format}`;
  saveFile(blob, name);
  return { filename: name };
}

export function useExportAll({ mutationConfig }: { mutationConfig?: MutationConfig<typeof exportAll> } = {}) {
  return useMutation({ ...mutationConfig, mutationFn: exportAll });
}
