import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { CreateZoneBody, Zone } from '../../../lib/types.ts';

export const createZone = (body: CreateZoneBody): Promise<Zone> => api.post<Zone>('/zones', body);

export function useCreateZone({ mutationConfig }: { mutationConfig?: MutationConfig<typeof createZone> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createZone,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: ['zones'] });
      return onSuccess?.(...args);
    },
  });
}
