import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Page, Role, User } from '../../../lib/types.ts';

export type UsersFilter = { q?: string; role?: Role };

export const getUsers = (filter: UsersFilter & { cursor?: string }, signal?: AbortSignal): Promise<Page<User>> =>
  api.get<Page<User>>('/users', { ...filter, limit: 50 }, signal);

export const getUsersQueryOptions = (filter: UsersFilter) =>
  infiniteQueryOptions({
    queryKey: ['users', 'list', filter],
    queryFn: ({ pageParam, signal }) => getUsers({ ...filter, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useUsers = (filter: UsersFilter) => useInfiniteQuery(getUsersQueryOptions(filter));
