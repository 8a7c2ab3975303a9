/**
 * Who may see a portal page: customers their pages, visitors the login pages. Staff belong in the desk,
 * anyone else is sent to log in (and back afterwards).
 */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Splash } from '../guards';
import { routes } from '../routes';
import { useSession } from '../session';
import { portalRoutes as urls } from './urls';

export function PortalGuard({ allow, children }: { allow: 'customer' | 'visitor'; children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Splash />;
  if (state.status === 'signed-in' && state.me.kind === 'staff') return <Navigate to={routes.desk} replace />;
  const customer = state.status === 'signed-in';
  if (allow === 'customer' && !customer) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`${urls.login}?next=${next}`} replace />;
  }
  if (allow === 'visitor' && customer) {
    const next = new URLSearchParams(location.search).get('next');
    return <Navigate to={next?.startsWith('/portal') ? next : urls.home} replace />;
  }
  return <>{children}</>;
}
