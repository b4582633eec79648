import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { PayPool, PayPoolBody } from '../../../lib/types.ts';

/**
 * 绩效工资 (policy 三(三)): pool = base × the grade's multiplier (1–5), split in proportion to score by largest
 * remainder. A computation, not a record: nothing is saved, so nothing is invalidated.
 */
export const computePayPool = (body: PayPoolBody): Promise<PayPool> => api.post<PayPool>('/performance/pay-pool', body);

export function useComputePayPool({ mutationConfig }: { mutationConfig?: MutationConfig<typeof computePayPool> } = {}) {
  return useMutation({ ...mutationConfig, mutationFn: computePayPool });
}
