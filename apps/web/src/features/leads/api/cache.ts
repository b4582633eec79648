import type { QueryClient } from '@tanstack/react-query';
import type { Lead } from '../../../lib/types.ts';

/** After any write to a lead: the detail gets the server's copy, and every list (mine, the pool) refetches. */
export async function leadChanged(queryClient: QueryClient, lead: Lead) {
  queryClient.setQueryData(['leads', 'detail', lead.id], lead);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ['leads', 'list'] }),
    queryClient.invalidateQueries({ queryKey: ['leads', 'detail', lead.id, 'stage-history'] }),
  ]);
}
