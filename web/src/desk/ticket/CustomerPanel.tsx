/** The customer sidebar: contact, the linked order and consignment, and their other tickets. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCustomerTickets } from '../../api/queries';
import type { Ticket } from '../../api/types';
import { routes } from '../../routes';

export function CustomerPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const customer = ticket.customer;
  const others = (useCustomerTickets(customer?.email).data?.results ?? []).filter((x) => x.id !== ticket.id);
  return (
    <section className="card side-panel" aria-labelledby="customer-title">
      <h2 id="customer-title">{t('ticket.customer')}</h2>
      <p>
        <strong>{customer?.name}</strong>
        <br />
        <a href={`mailto:${customer?.email ?? ''}`}>{customer?.email}</a>
        {ticket.source_phone && (
          <>
            <br />
            <a href={`tel:${ticket.source_phone}`}>{ticket.source_phone}</a>
          </>
        )}
      </p>
      <dl className="facts">
        <dt>{t('ticket.channel')}</dt>
        <dd>{t(`channel.${ticket.channel ?? 'web'}`)}</dd>
        {ticket.order && (
          <>
            <dt>{t('ticket.order')}</dt>
            <dd>{ticket.order_url ? <a href={ticket.order_url}>{ticket.order}</a> : ticket.order}</dd>
          </>
        )}
        {ticket.consignment && (
          <>
            <dt>{t('ticket.consignment')}</dt>
            <dd>
              {ticket.consignment_url ? (
                <a href={ticket.consignment_url}>{ticket.consignment}</a>
              ) : (
                ticket.consignment
              )}
            </dd>
          </>
        )}
      </dl>
      <h3>{t('ticket.otherTickets')}</h3>
      {others.length === 0 ? (
        <p className="muted">{t('ticket.noOtherTickets')}</p>
      ) : (
        <ul className="other-tickets">
          {others.map((x) => (
            <li key={x.id}>
              <Link to={routes.deskTicket(x.ticket_number ?? '')}>
                {x.ticket_number} · {x.subject}
              </Link>{' '}
              <span className="muted">{t(`status.${x.status ?? 'new'}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
