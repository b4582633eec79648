import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { Forbidden, FullPageSpin } from '../components/states.tsx';
import { useSession } from '../lib/auth.ts';
import { canSee, type Area } from './navigation.ts';

/** Signed-in routes: waits for the startup refresh, then sends strangers to /login?next=… */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (session.status === 'loading') return <FullPageSpin tip={t('login.restoring')} />;
  if (session.status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  // A password someone else set must be replaced before anything else (the server refuses the rest meanwhile).
  if (session.user.mustChangePassword && location.pathname !== '/password') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/password?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

/** Hides a screen from roles that cannot use it (the server refuses them anyway). */
export function RequireArea({ area, children }: { area: Area; children: ReactNode }) {
  const session = useSession();
  if (session.status !== 'signed-in' || !canSee(session.user.roles, area)) return <Forbidden />;
  return children;
}
