/**
 * The staff-account screens of the admin console (/admin/staff), as a route object for the admin area's
 * router (admin/routes.tsx spreads `staffAdminRoutes`). Admins only: agents and customers are sent away
 * before any request for staff data is made. Its own lazy chunk.
 */
import { lazy, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteObject } from 'react-router';
import { AppHeader } from '../../components/AppHeader';
import { Guard, Lazy } from '../../guards';
import { useSession } from '../../session';

const StaffScene = lazy(() => import('./StaffScene'));

/** Staff with the admin role see the page; an agent is told it is for admins (and sees no data). */
function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { state } = useSession();
  if (state.status !== 'signed-in' || state.me.kind !== 'staff') return null;
  return (
    <>
      <AppHeader me={state.me} />
      {state.me.role === 'admin' ? (
        children
      ) : (
        <main className="staff-admin">
          <p role="alert">{t('staff.adminsOnly')}</p>
        </main>
      )}
    </>
  );
}

export const staffAdminRoutes: RouteObject[] = [
  {
    path: '/admin/staff',
    element: (
      <Guard allow="staff">
        <AdminOnly>
          <Lazy>
            <StaffScene />
          </Lazy>
        </AdminOnly>
      </Guard>
    ),
  },
];
