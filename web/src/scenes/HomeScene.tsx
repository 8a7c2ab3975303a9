/** /app: the home of a logged-in staff member (the workspace's tickets) or customer (their own). */
import { useCallback } from 'react';
import { api, type MeResponse } from '../api/client';
import { AppHeader } from '../components/AppHeader';
import { TicketsPanel } from '../components/TicketsPanel';
import { navigate, routes } from '../router';

export function HomeScene({ me }: { me: MeResponse }) {
  const loadAdminTickets = useCallback((cursor?: string) => api.listAdminTickets(cursor), []);
  const loadMyTickets = useCallback((cursor?: string) => api.listTickets(cursor), []);
  return (
    <>
      <AppHeader me={me} />
      <main className="home">
        {me.kind === 'staff' ? (
          // Keyed by workspace: switching reloads the list from the new workspace.
          <TicketsPanel key={me.workspace.slug} title="Tickets" load={loadAdminTickets} showCustomer />
        ) : (
          <>
            <div className="home-actions">
              <button type="button" className="primary" onClick={() => navigate(routes.newTicket)}>
                New ticket
              </button>
            </div>
            <TicketsPanel title="My tickets" load={loadMyTickets} showCustomer={false} />
          </>
        )}
      </main>
    </>
  );
}
