import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Activity, Items } from '../../../lib/types.ts';

export const getActivities = (leadId: string, signal?: AbortSignal): Promise<Items<Activity>> =>
  api.get<Items<Activity>>(`/leads/${leadId}/activities`, undefined, signal);

/** Newest first, whatever order the server sends: by date, then by when it was logged. */
const newestFirst = (a: Activity, b: Activity) => b.occurredOn.localeCompare(a.occurredOn) || b.createdAt.localeCompare(a.createdAt);

export const getActivitiesQueryOptions = (leadId: string) =>
  queryOptions({
    queryKey: ['activities', { leadId }],
    queryFn: ({ signal }) => getActivities(leadId, signal),
    select: (data) => [...data.items].sort(newestFirst),
  });

export const useActivities = (leadId: string) => useQuery(getActivitiesQueryOptions(leadId));
