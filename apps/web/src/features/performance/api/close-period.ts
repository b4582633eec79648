import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Ranking } from '../../../lib/types.ts';
import type { RankingQuery } from './get-ranking.ts';

/** 结账: freezes the period's figures and ranking as reported to the committee (manager; 409 when already closed). */
export const closePeriod = (body: RankingQuery): Promise<Ranking> => api.post<Ranking>('/performance/close', body);

export function useClosePeriod({ mutationConfig }: { mutationConfig?: MutationConfig<typeof closePeriod> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: closePeriod,
    onSuccess: async (ranking, body, ...more) => {
      queryClient.setQueryData(['performance', 'ranking', body], ranking);
      await queryClient.invalidateQueries({ queryKey: ['performance', 'ranking'] });
      return onSuccess?.(ranking, body, ...more);
    },
  });
}
