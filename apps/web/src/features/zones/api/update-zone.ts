import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { UpdateZoneBody, Zone } from '../../../lib/types.ts';

export type UpdateZoneInput = { id: string; body: UpdateZoneBody };

export const updateZone = ({ id, body }: UpdateZoneInput): Promise<Zone> => api.patch<Zone>(`/zones/${id}`, body);

export function useUpdateZone({ mutationConfig }: { mutationConfig?: MutationConfig<typeof updateZone> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateZone,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: ['zones'] });
      return onSuccess?.(...args);
    },
  });
}
