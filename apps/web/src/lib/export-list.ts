import { useMutation } from '@tanstack/react-query';
import { download, type QueryParams } from './api.ts';
import { saveFile } from './save-file.ts';
import { zoneToday } from './zone-time.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ExportListInput = { path: string; params?: QueryParams; fallbackName: string };

/** A list's current filter as .xlsx, saved under the server's (Chinese, zone-dated) name. */
export async function exportList({ path, params, fallbackName }: ExportListInput): Promise<{ filename: string }> {
  // Flags as the list sends them: true → 'true', false → left out.
  const query = Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, v === true ? 'true' : v === false ? undefined : v]));
  const { blob, filename } = await download(path, { params: query, accept: XLSX });
  const name = filename ?? `${fallbackName}_${zoneToday()}.xlsx`;
  saveFile(blob, name);
  return { filename: name };
}

export const useExportList = () => useMutation({ mutationFn: exportList });
