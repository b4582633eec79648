import type { QueryClient } from '@tanstack/react-query';
import type { ProjectDetail } from '../../../lib/types.ts';

/**
 * After any write to a project: the page gets the server's copy; lists, the lifecycle board and the credit
 * history refetch. The pipeline board and funnel count projects too, so their cached figures are dropped.
 */
export async function projectChanged(queryClient: QueryClient, project: ProjectDetail) {
  queryClient.setQueryData(['projects', 'detail', project.id], project);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ['projects', 'list'] }),
    queryClient.invalidateQueries({ queryKey: ['projects', 'lifecycle'] }),
    queryClient.invalidateQueries({ queryKey: ['projects', 'detail', project.id, 'credit-history'] }),
    queryClient.invalidateQueries({ queryKey: ['pipeline'] }),
    // A verified figure or a new credit split changes what the project's reward ledger shows.
    queryClient.invalidateQueries({ queryKey: ['rewards', 'ledger', project.id] }),
  ]);
}
