/**
 * The route guards every area of the SPA shares (router.tsx, portal/, admin/): a splash while the session
 * is asked for, a guard that sends a visitor where they belong, and a Suspense wrapper for lazy chunks.
 */
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { routes } from './routes';
import { useSession } from './session';

export function Splash() {
  const { t } = useTranslation();
  return (
    <p className="splash" role="status">
      {t('app.loading')}
    </p>
  );
}

/** A staff area the login may send back to: the desk, or the admin console and KB authoring. */
const staffPath = (path: string) => path.startsWith('/desk') || path.startsWith('/admin');

/** Renders `children` for who may see them once the session is known; redirects anyone else. */
export function Guard({
  allow,
  children,
}: {
  allow: 'anonymous' | 'customer' | 'staff' | 'form';
  children: ReactNode;
}) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Splash />;
  const who = state.status === 'anonymous' ? 'anonymous' : state.me.kind;
  const allowed = allow === 'form' ? who !== 'staff' : who === allow;
  if (allowed) return <>{children}</>;
  if (who === 'anonymous') {
    // After a deliberate logout the guard and the layout's own redirect race (the router navigates
    // asynchronously); both must land on the plain login page.
    const keep = state.status === 'anonymous' && !state.signedOut && staffPath(location.pathname);
    const next = keep ? `?next=${encodeURIComponent(location.pathname)}` : '';
    return <Navigate to={`${routes.login}${next}`} replace />;
  }
  if (who === 'staff') {
    const next = new URLSearchParams(location.search).get('next');
    return <Navigate to={next && staffPath(next) ? next : routes.desk} replace />;
  }
  return <Navigate to={routes.home} replace />;
}

export function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Splash />}>{children}</Suspense>;
}
