/** A customer's tickets, page by page, with an empty state while there are none. */
import { useTranslation } from 'react-i18next';
import { useMyTickets } from '../api/queries';
import type { TicketSummary } from '../api/client';
import { ProblemAlert } from './ProblemAlert';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function TicketRow({ ticket }: { ticket: TicketSummary }) {
  const when = ticket.updated_at ?? ticket.created_at ?? '';
  const status = ticket.status ?? 'new';
  return (
    <li className="ticket">
      <span className="ticket-number">{ticket.ticket_number}</span>
      <span className="ticket-subject">{ticket.subject}</span>
      <span className="ticket-meta">
        <span className={`status status-${status}`}>{status.replace('_', ' ')}</span>
        {ticket.priority?.name && <span>{ticket.priority.name}</span>}
        {when && <time dateTime={when}>{dateFormat.format(new Date(when))}</time>}
      </span>
    </li>
  );
}

export function TicketsPanel({ title }: { title: string }) {
  const { t } = useTranslation();
  const list = useMyTickets();
  const tickets = list.data?.pages.flatMap((page) => page.results ?? []) ?? [];
  return (
    <section className="card panel" aria-labelledby="tickets-title" aria-busy={list.isPending}>
      <h2 id="tickets-title">{title}</h2>
      {list.isPending && <p className="muted">{t('portal.loadingTickets')}</p>}
      {list.isError && <ProblemAlert error={list.error} />}
      {list.isSuccess && tickets.length === 0 && (
        <div className="empty">
          <p className="empty-title">{t('portal.noTickets')}</p>
          <p className="muted">{t('portal.noTicketsHint')}</p>
        </div>
      )}
      {tickets.length > 0 && (
        <ul className="tickets">
          {tickets.map((ticket) => (
            <TicketRow key={ticket.id} ticket={ticket} />
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <button
          type="button"
          className="secondary more"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {list.isFetchingNextPage ? t('app.loading') : t('portal.showMore')}
        </button>
      )}
    </section>
  );
}
