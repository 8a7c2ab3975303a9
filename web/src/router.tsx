/**
 * The SPA's routes, with real URLs (react-router): the customer portal under /portal, the agent desk
 * under /desk, the admin console under /admin, account pages under /account (each area its own lazy
 * chunks). The staff login stays at /app/login; the customer screens' old /app URLs redirect to the
 * portal, and /app/tickets/DEMO-41 (the link of the SLA mails) opens the ticket in the desk for staff or
 * the portal for its customer. Every guard waits for the session, then sends the visitor where they belong.
 */
import type { QueryClient } from '@tanstack/react-query';
import { lazy } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation, useParams } from 'react-router';
import { accountRoutes } from './account/routes';
import { adminRoutes } from './admin/routes';
import { channelsRoutes } from './channels/routes';
import { staffAdminRoutes } from './admin/staff/routes';
import { Guard, Lazy, Splash } from './guards';
import { preloadable } from './preloadable';
import { portalRoutes } from './portal/routes';
import { LoginScene } from './scenes/LoginScene';
import { portalRoutes as portalUrls } from './portal/urls';
import { routes } from './routes';
import { useSession } from './session';

const DeskLayout = preloadable(() => import('./desk/DeskLayout'));
const InboxScene = preloadable(() => import('./desk/inbox/InboxScene'));
const TicketScene = preloadable(() => import('./desk/ticket/TicketScene'));

/** How long a cold inbox waits for its first page before it renders without it (a slow search). */
const FIRST_PAGE_WAIT_MS = 1000;

/**
 * A desk URL opened cold: fetch the desk's chunks — and, for the inbox, its first page of tickets — while
 * the session is still being asked for, instead of one after the other once it is known (the first row
 * then waits for the slowest of them, not for their sum). Resolves (never rejects) once the screen's
 * chunks have run and, on the inbox, its first page is in the cache (or a second has gone by), so that
 * main.tsx renders the rows in its first render: rendered before the page came, the desk showed
 * "Loading…" and rendered again, a task later, for the rows. A chunk that failed to load fails again
 * where the screen renders.
 */
export function prefetchDesk(location: Location, client: QueryClient): Promise<unknown> {
  const { pathname, search } = location;
  if (!pathname.startsWith('/desk')) return Promise.resolve();
  const screens = [DeskLayout.preload()];
  if (pathname.startsWith('/desk/tickets/')) screens.push(TicketScene.preload());
  else if (/^\/desk\/?$/.test(pathname)) {
    screens.push(InboxScene.preload());
    const firstPage = import('./desk/inbox/prefetch').then((m) => m.prefetchInbox(client, search));
    screens.push(
      Promise.race([firstPage, new Promise((resolve) => setTimeout(resolve, FIRST_PAGE_WAIT_MS))]),
    );
  }
  return Promise.all(screens).catch(() => undefined);
}
const NewTicketScene = lazy(() => import('./desk/new-ticket/NewTicketScene'));
const TokensScene = lazy(() => import('./account/TokensScene'));
const ReportsScene = lazy(() => import('./desk/reports/ReportsScene'));

/** The customer screens moved to /portal; links in mails already sent still point at /app. */
function ToPortal({ path }: { path: string }) {
  const { search } = useLocation();
  return <Navigate to={`${path}${search}`} replace />;
}

function Login() {
  const { state } = useSession();
  return <LoginScene notice={state.status === 'anonymous' ? state.notice : null} />;
}

/** /app/tickets/:number: staff go to the desk's ticket page (the SLA mails link here). */
function LegacyTicket() {
  const { number = '' } = useParams();
  const { state } = useSession();
  if (state.status === 'loading') return <Splash />;
  if (state.status === 'signed-in' && state.me.kind === 'staff')
    return <Navigate to={routes.deskTicket(number)} replace />;
  if (state.status === 'anonymous') {
    return <Navigate to={`${routes.login}?next=${encodeURIComponent(routes.deskTicket(number))}`} replace />;
  }
  return <Navigate to={portalUrls.ticket(number)} replace />;
}

export const router = createBrowserRouter([
  {
    path: '/app/login',
    element: (
      <Guard allow="anonymous">
        <Login />
      </Guard>
    ),
  },
  { path: '/app/tickets/new', element: <ToPortal path={portalUrls.newTicket} /> },
  { path: '/app/tickets/:number', element: <LegacyTicket /> },
  { path: '/app', element: <ToPortal path={portalUrls.home} /> },
  {
    path: '/desk',
    element: (
      <Guard allow="staff">
        <Lazy>
          <DeskLayout>
            <Lazy>
              <Outlet />
            </Lazy>
          </DeskLayout>
        </Lazy>
      </Guard>
    ),
    children: [
      { index: true, element: <InboxScene /> },
      { path: 'tickets/new', element: <NewTicketScene /> },
      { path: 'tickets/:number', element: <TicketScene /> },
      { path: 'settings/tokens', element: <TokensScene /> },
      { path: 'reports', element: <ReportsScene /> },
    ],
  },
  ...portalRoutes,
  ...adminRoutes,
  ...channelsRoutes,
  // Until the admin console's router (admin/routes.tsx) spreads them itself.
  ...staffAdminRoutes,
  ...accountRoutes,
  { path: '*', element: <ToPortal path={portalUrls.home} /> },
]);
