import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CreateEventBody, EventDetail, Items, PromotionEvent, UpdateEventBody } from '../../../lib/types.ts';

export type EventsFilter = { sort?: '-heldOn' | 'return'; q?: string; zoneId?: string };

export const useEvents = (filter: EventsFilter = {}) =>
  useQuery({ queryKey: ['events', 'list', filter], queryFn: ({ signal }) => api.get<Items<PromotionEvent>>('/events', filter, signal) });

export const getEventQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['events', 'detail', id], queryFn: ({ signal }) => api.get<EventDetail>(`/events/${id}`, undefined, signal) });
export const useEvent = (id: string) => useQuery(getEventQueryOptions(id));

export function useSaveEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateEventBody | UpdateEventBody }) =>
      id ? api.patch<EventDetail>(`/events/${id}`, body) : api.post<EventDetail>('/events', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events'] }),
  });
}
