/**
 * Routes: /app/login for anyone logged out, /app (home) for anyone logged in, and the ticket form
 * /app/tickets/new for customers and for visitors who are not logged in (staff go home).
 */
import { useEffect } from 'react';
import { navigate, routes, usePath } from './router';
import { HomeScene } from './scenes/HomeScene';
import { LoginScene } from './scenes/LoginScene';
import { TicketFormScene } from './scenes/TicketFormScene';
import { useSession } from './session';

export function App() {
  const { state } = useSession();
  const path = usePath();
  // Every other path (/, /app, an unknown /app/…) lands on the scene for who is logged in.
  const canonical = state.status === 'signed-in' ? routes.home : routes.login;
  const staff = state.status === 'signed-in' && state.me.kind === 'staff';
  const onForm = path.replace(/\/+$/, '') === routes.newTicket && !staff;
  const target = path === canonical || onForm ? null : canonical;

  useEffect(() => {
    if (state.status !== 'loading' && target) navigate(target, { replace: true });
  }, [state.status, target]);

  if (state.status === 'loading') {
    return (
      <p className="splash" role="status">
        Loading…
      </p>
    );
  }
  if (onForm) return <TicketFormScene me={state.status === 'signed-in' ? state.me : null} />;
  if (state.status === 'anonymous') return <LoginScene notice={state.notice} />;
  return <HomeScene me={state.me} />;
}
