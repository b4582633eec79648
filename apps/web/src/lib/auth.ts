import { useSyncExternalStore } from 'react';
import { getSession, subscribeSession, type SessionState } from './api.ts';
import type { Role, SessionUser } from './types.ts';

export const useSession = (): SessionState => useSyncExternalStore(subscribeSession, getSession, getSession);

/** The signed-in user; only for components rendered behind the sign-in guard. */
export function useUser(): SessionUser {
  const session = useSession();
  if (session.status !== 'signed-in') throw new Error('useUser() outside a signed-in route');
  return session.user;
}

export const hasRole = (user: { roles: readonly Role[] } | null, ...roles: Role[]): boolean => !!user && user.roles.some((role) => roles.includes(role));
