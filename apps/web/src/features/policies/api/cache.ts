import type { QueryClient } from '@tanstack/react-query';
import type { Policy } from '../../../lib/types.ts';

/** After a policy or a version is written: its page gets the server's copy and the list refetches. */
export async function policyChanged(queryClient: QueryClient, policy: Policy) {
  queryClient.setQueryData(['policies', 'detail', policy.id], policy);
  await queryClient.invalidateQueries({ queryKey: ['policies', 'list'] });
}
