import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { ProjectLedger } from '../../../lib/types.ts';

/** A project's reward ledger per policy: earned so far, paid to whom, still to pay, to recover (finance, managers, admins). */
export const getProjectLedger = (projectId: string, signal?: AbortSignal): Promise<ProjectLedger> =>
  api.get<ProjectLedger>(`/projects/${projectId}/reward-ledger`, undefined, signal);

export const getProjectLedgerQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: ['rewards', 'ledger', projectId], queryFn: ({ signal }) => getProjectLedger(projectId, signal) });

export const useProjectLedger = (projectId: string, options: { enabled?: boolean } = {}) =>
  useQuery({ ...getProjectLedgerQueryOptions(projectId), enabled: options.enabled ?? true });
