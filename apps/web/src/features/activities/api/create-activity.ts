import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Activity, CreateActivityBody } from '../../../lib/types.ts';

export type CreateActivityInput = { leadId: string; body: CreateActivityBody };

export const createActivity = ({ leadId, body }: CreateActivityInput): Promise<Activity> => api.post<Activity>(`/leads/${leadId}/activities`, body);

export function useCreateActivity({ mutationConfig }: { mutationConfig?: MutationConfig<typeof createActivity> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createActivity,
    onSuccess: async (activity, input, ...args) => {
      await queryClient.invalidateQueries({ queryKey: ['activities', { leadId: input.leadId }] });
      return onSuccess?.(activity, input, ...args);
    },
  });
}
