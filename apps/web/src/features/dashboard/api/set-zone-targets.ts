import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Items, ZoneProgress, ZoneTargetsBody } from '../../../lib/types.ts';

/** Sets zones' targets for a year (manager, admin); the answer is every zone's targets and actuals again. */
export const setZoneTargets = (body: ZoneTargetsBody): Promise<Items<ZoneProgress>> => api.put<Items<ZoneProgress>>('/dashboard/targets', body);

export function useSetZoneTargets({ mutationConfig }: { mutationConfig?: MutationConfig<typeof setZoneTargets> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: setZoneTargets,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      return onSuccess?.(...args);
    },
  });
}
