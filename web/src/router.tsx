/**
 * The SPA's routes, with real URLs (react-router): the customer screens under /app, the agent desk under
 * /desk (loaded as its own chunk). /app/tickets/DEMO-41 (the link of the SLA mails) opens the ticket in
 * the desk for staff. Every guard waits for the session, then sends the visitor where they belong.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Outlet, useLocation, useParams } from 'react-router';
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

function Splash() {
  const { t } = useTranslation();
  return (
    <p className="splash" role="status">
      {t('app.loading')}
    </p>
  );
}

/** Renders `children` for who may see them once the session is known; redirects anyone else. */
function Guard({
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
    const next = location.pathname.startsWith('/desk')
      ? `?next=${encodeURIComponent(location.pathname)}`
      : '';
    return <Navigate to={`${routes.login}${next}`} replace />;
  }
  if (who === 'staff') {
    const next = new URLSearchParams(location.search).get('next');
    return <Navigate to={next?.startsWith('/desk') ? next : routes.desk} replace />;
  }
  return <Navigate to={routes.home} replace />;
}

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

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Splash />}>{children}</Suspense>;
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
  {
    path: '*',
    element: (
      <Guard allow="customer">
        <CustomerHome />
      </Guard>
    ),
  },
]);
