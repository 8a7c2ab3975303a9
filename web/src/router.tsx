/**
 * The SPA's routes, with real URLs (react-router): the customer screens under /app, the agent desk under
 * /desk (loaded as its own chunk). /app/tickets/DEMO-41 (the link of the SLA mails) opens the ticket in
 * the desk for staff. Every guard waits for the session, then sends the visitor where they belong.
 */
import { lazy } from 'react';
import { createBrowserRouter, Navigate, Outlet, useParams } from 'react-router';
import { adminRoutes } from './admin/routes';
import { channelsRoutes } from './channels/routes';
import { Guard, Lazy, Splash } from './guards';
import { portalRoutes } from './portal/routes';
import { HomeScene } from './scenes/HomeScene';
import { LoginScene } from './scenes/LoginScene';
import { TicketFormScene } from './scenes/TicketFormScene';
import { routes } from './routes';
import { useSession } from './session';

const loadInbox = () => import('./desk/inbox/InboxScene');
const loadTicket = () => import('./desk/ticket/TicketScene');
const DeskLayout = lazy(() => import('./desk/DeskLayout'));
const InboxScene = lazy(loadInbox);
const TicketScene = lazy(loadTicket);

/**
 * A desk URL opened cold: fetch the desk's chunks while the session is still being asked for, instead
 * of one after the other once it is known (saves two round trips before the first inbox row).
 */
export function prefetchDesk(pathname: string): void {
  if (!pathname.startsWith('/desk')) return;
  void import('./desk/DeskLayout');
  void (pathname.startsWith('/desk/tickets/') ? loadTicket() : loadInbox());
}
const NewTicketScene = lazy(() => import('./desk/new-ticket/NewTicketScene'));

function CustomerHome() {
  const { state } = useSession();
  return state.status === 'signed-in' ? <HomeScene me={state.me} /> : null;
}

function TicketForm() {
  const { state } = useSession();
  return <TicketFormScene me={state.status === 'signed-in' ? state.me : null} />;
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
  return <Navigate to={routes.home} replace />;
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
  {
    path: '/app/tickets/new',
    element: (
      <Guard allow="form">
        <TicketForm />
      </Guard>
    ),
  },
  { path: '/app/tickets/:number', element: <LegacyTicket /> },
  {
    path: '/app',
    element: (
      <Guard allow="customer">
        <CustomerHome />
      </Guard>
    ),
  },
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
    ],
  },
  ...portalRoutes,
  ...adminRoutes,
  ...channelsRoutes,
  {
    path: '*',
    element: (
      <Guard allow="customer">
        <CustomerHome />
      </Guard>
    ),
  },
]);
