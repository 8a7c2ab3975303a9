/** /portal: the customer's tickets, open or closed, with a search over subject and conversation. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { panelId, tabId, Tabs } from '../../components/Tabs';
import { usePortalTickets, type TicketFilter } from '../portal-api';
import { portalRoutes as urls } from '../urls';

export default function TicketsScene() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<TicketFilter>('open');
  const [q, setQ] = useState('');
  const list = usePortalTickets(filter, q);
  const tickets = list.data?.pages.flatMap((page) => page.results ?? []) ?? [];
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('q');
    setQ(typeof value === 'string' ? value.trim() : '');
  };

  return (
    <section className="card portal-card wide" aria-labelledby="my-tickets-title">
      <div className="portal-title-row">
        <h1 id="my-tickets-title">{t('portal.myTickets')}</h1>
        <Link className="button primary" to={urls.newTicket}>
          {t('portal.newTicket')}
        </Link>
      </div>
      <form role="search" className="portal-search" onSubmit={onSearch}>
        <label htmlFor="portal-q" className="visually-hidden">
          {t('portal.searchTickets')}
        </label>
        <input
          id="portal-q"
          name="q"
          type="search"
          placeholder={t('portal.searchTickets')}
          defaultValue={q}
        />
        <button type="submit" className="secondary">
          {t('portal.search')}
        </button>
      </form>
      <Tabs
        label={t('portal.ticketFilter')}
        idPrefix="portal-tickets"
        tabs={[
          { id: 'open', label: t('portal.openTickets') },
          { id: 'closed', label: t('portal.closedTickets') },
        ]}
        selected={filter}
        onSelect={setFilter}
      />
      <div
        role="tabpanel"
        id={panelId('portal-tickets', filter)}
        aria-labelledby={tabId('portal-tickets', filter)}
        aria-busy={list.isPending}
      >
        {list.isPending && <p className="muted">{t('portal.loadingTickets')}</p>}
        {list.isError && <ProblemAlert error={list.error} />}
        {list.isSuccess && tickets.length === 0 && (
          <p className="muted">{q ? t('portal.noMatches') : t('portal.noTickets')}</p>
        )}
        <ul className="portal-tickets">
          {tickets.map((ticket) => (
            <li key={ticket.id}>
              <Link to={urls.ticket(ticket.ticket_number ?? String(ticket.id))}>
                <span className="ticket-number">{ticket.ticket_number}</span>
                <span className="portal-ticket-subject">{ticket.subject}</span>
              </Link>
              <span className="portal-ticket-meta">
                <span className={`status status-${ticket.status ?? 'new'}`}>
                  {t(`status.${ticket.status ?? 'new'}`)}
                </span>
                {ticket.updated_at && (
                  <time dateTime={ticket.updated_at}>
                    {t('portal.updated', { when: date.format(new Date(ticket.updated_at)) })}
                  </time>
                )}
              </span>
            </li>
          ))}
        </ul>
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
      </div>
    </section>
  );
}
