import type { QueryClient } from '@tanstack/react-query';
import type { Calculation } from '../../../lib/types.ts';

/**
 * After a calculation is computed or moves along the workflow: its page gets the server's copy, and every list
 * (all, the approval queue, payments) refetches. A payment changes the forecast; a new calculation puts a
 * policy version in use (its lock tag), so those cached answers are dropped too.
 */
export async function calculationChanged(queryClient: QueryClient, calculation: Calculation) {
  queryClient.setQueryData(['rewards', 'calculations', 'detail', calculation.id], calculation);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ['rewards', 'calculations', 'list'] }),
    queryClient.invalidateQueries({ queryKey: ['rewards', 'forecast'] }),
    queryClient.invalidateQueries({ queryKey: ['rewards', 'ledger'] }),
    queryClient.invalidateQueries({ queryKey: ['policies'] }),
    // A correction supersedes the calculation it replaces: that page is stale now.
    calculation.supersedesId ? queryClient.invalidateQueries({ queryKey: ['rewards', 'calculations', 'detail', calculation.supersedesId] }) : Promise.resolve(),
  ]);
}
