import { useMutation } from '@tanstack/react-query';
import { download } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { saveFile } from '../../../lib/save-file.ts';
import { reportParams, type ReportQuery } from './get-report.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The same report as the spreadsheet the office files (.xlsx), fetched with the session's token and saved. */
export async function downloadReport(query: ReportQuery): Promise<{ filename: string }> {
  const { blob, filename } = await download(`/reports/${query.kind}`, { params: { ...reportParams(query), format: 'xlsx' }, accept: XLSX });
  const name = filename ?? `report-${query.period}.xlsx`;
  saveFile(blob, name);
  return { filename: name };
}

export function useDownloadReport({ mutationConfig }: { mutationConfig?: MutationConfig<typeof downloadReport> } = {}) {
  return useMutation({ ...mutationConfig, mutationFn: downloadReport });
}
