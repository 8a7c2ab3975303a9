/** A list of tickets, page by page, with an empty state while there are none (or no endpoint yet). */
import { useEffect, useState } from 'react';
import { ApiError, type Page, type Related, type TicketSummary } from '../api/client';
import { ProblemAlert } from './ProblemAlert';

type Load = (cursor?: string) => Promise<Page<TicketSummary>>;

type PanelState =
  | { status: 'loading' }
  | { status: 'loaded'; tickets: TicketSummary[]; nextCursor: string | null }
  | { status: 'failed'; error: unknown };

/** The embedded summary's name; a bare id means nothing to a reader, so it shows nothing. */
function label(value: Related<{ code?: string; name?: string; email?: string }> | undefined): string {
  if (value === null || typeof value !== 'object') return '';
  return value.name || value.email || value.code || '';
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function TicketRow({ ticket, showCustomer }: { ticket: TicketSummary; showCustomer: boolean }) {
  const when = ticket.updated_at ?? ticket.created_at;
  const priority = label(ticket.priority);
  const customer = showCustomer ? label(ticket.customer) : '';
  return (
    <li className="ticket">
      <span className="ticket-number">{ticket.ticket_number}</span>
      <span className="ticket-subject">{ticket.subject}</span>
      <span className="ticket-meta">
        <span className={`status status-${ticket.status}`}>{ticket.status.replace('_', ' ')}</span>
        {priority && <span>{priority}</span>}
        {customer && <span>{customer}</span>}
        <time dateTime={when}>{dateFormat.format(new Date(when))}</time>
      </span>
    </li>
  );
}

export function TicketsPanel({
  title,
  load,
  showCustomer,
}: {
  title: string;
  load: Load;
  showCustomer: boolean;
}) {
  const [state, setState] = useState<PanelState>({ status: 'loading' });
  const [more, setMore] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });

  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    load().then(
      (page) => live && setState({ status: 'loaded', tickets: page.results, nextCursor: page.next_cursor }),
      (error: unknown) => {
        if (!live) return;
        // 404: the tickets endpoint is not deployed yet; to the user that is simply "no tickets".
        if (error instanceof ApiError && error.status === 404) {
          setState({ status: 'loaded', tickets: [], nextCursor: null });
        } else {
          setState({ status: 'failed', error });
        }
      },
    );
    return () => {
      live = false;
    };
  }, [load]);

  const showMore = async (tickets: TicketSummary[], cursor: string) => {
    setMore({ busy: true, error: null });
    try {
      const page = await load(cursor);
      setState({ status: 'loaded', tickets: [...tickets, ...page.results], nextCursor: page.next_cursor });
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({ busy: false, error });
    }
  };

  return (
    <section className="card panel" aria-labelledby="tickets-title" aria-busy={state.status === 'loading'}>
      <h2 id="tickets-title">{title}</h2>
      {state.status === 'loading' && <p className="muted">Loading tickets…</p>}
      {state.status === 'failed' && <ProblemAlert error={state.error} />}
      {state.status === 'loaded' && state.tickets.length === 0 && (
        <div className="empty">
          <p className="empty-title">No tickets yet</p>
          <p className="muted">New tickets will show up here as soon as they arrive.</p>
        </div>
      )}
      {state.status === 'loaded' && state.tickets.length > 0 && (
        <ul className="tickets">
          {state.tickets.map((ticket) => (
            <TicketRow key={ticket.id} ticket={ticket} showCustomer={showCustomer} />
          ))}
        </ul>
      )}
      {more.error !== null && <ProblemAlert error={more.error} />}
      {state.status === 'loaded' && state.nextCursor && (
        <button
          type="button"
          className="secondary more"
          disabled={more.busy}
          onClick={() => state.nextCursor && void showMore(state.tickets, state.nextCursor)}
        >
          {more.busy ? 'Loading…' : 'Show more'}
        </button>
      )}
    </section>
  );
}
