import { useMutation } from '@tanstack/react-query';
import { download } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { saveFile } from '../../../lib/save-file.ts';
import { zoneToday } from '../../../lib/zone-time.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Approved and paid items, one row per payee, as .xlsx for accounting; saved under the server's file name. */
export async function exportCalculations(): Promise<{ filename: string }> {
  const { blob, filename } = await download('/reward-calculations/export', { accept: XLSX });
  const name = filename ?? `奖励支付_${zoneToday()}.xlsx`;
  saveFile(blob, name);
  return { filename: name };
}

export function useExportCalculations({ mutationConfig }: { mutationConfig?: MutationConfig<typeof exportCalculations> } = {}) {
  return useMutation({ ...mutationConfig, mutationFn: exportCalculations });
}
