import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Zone } from '../../../lib/types.ts';

export type AddParkInput = { zoneId: string; name: string };

export const addPark = ({ zoneId, name }: AddParkInput): Promise<Zone> => api.post<Zone>(`/zones/${zoneId}/parks`, { name });

export function useAddPark({ mutationConfig }: { mutationConfig?: MutationConfig<typeof addPark> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: addPark,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: ['zones'] });
      return onSuccess?.(...args);
    },
  });
}
