/**
 * The inbox's rows: number, subject, customer, status, priority, assignee, team, tags, SLA countdown,
 * last update, with a checkbox each for bulk actions. One row is "active" (j/k move it, Enter opens it);
 * it holds the focus, so the focus ring shows where the agent is.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TicketSummary } from '../../api/types';
import { routes } from '../../routes';
import { ago } from '../format';
import { SlaBadgeAt } from '../SlaBadge';
import { useNow } from '../useNow';
import { changedSinceSeen } from './seen';

interface Props {
  tickets: TicketSummary[];
  active: number;
  /** Changes on every j/k press: the active row takes the focus even when it stays the same row. */
  focusTick: number;
  onActivate: (index: number) => void;
  onOpen: (ticket: TicketSummary) => void;
  selected: ReadonlySet<string>;
  onSelect: (numbers: string[], on: boolean) => void;
}

export function InboxTable({ tickets, active, focusTick, onActivate, onOpen, selected, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  // One clock for the row's times and SLA countdowns (as often as a lone SLA badge's).
  const now = useNow(30_000);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const all = tickets.map((x) => x.ticket_number ?? '');
  const allSelected = all.length > 0 && all.every((n) => selected.has(n));
  const changedSince = changedSinceSeen();

  useEffect(() => {
    if (focusTick > 0) rows.current[active]?.focus();
  }, [active, focusTick]);

  return (
    <div className="table-scroll">
      <table className="inbox-table">
        <caption className="visually-hidden">{t('inbox.title')}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-check">
              <input
                type="checkbox"
                aria-label={t('inbox.selectAll')}
                checked={allSelected}
                onChange={(e) => onSelect(all, e.target.checked)}
              />
            </th>
            <th scope="col" className="col-number">
              {t('inbox.columns.number')}
            </th>
            <th scope="col" className="col-subject">
              {t('inbox.columns.subject')}
            </th>
            <th scope="col" className="col-wide col-customer">
              {t('inbox.columns.customer')}
            </th>
            <th scope="col" className="col-status">
              {t('inbox.columns.status')}
            </th>
            <th scope="col" className="col-priority">
              {t('inbox.columns.priority')}
            </th>
            <th scope="col" className="col-wide col-assignee">
              {t('inbox.columns.assignee')}
            </th>
            <th scope="col" className="col-wide col-xl col-team">
              {t('inbox.columns.team')}
            </th>
            <th scope="col" className="col-wide col-xl col-tags">
              {t('inbox.columns.tags')}
            </th>
            <th scope="col" className="col-sla">
              {t('inbox.columns.sla')}
            </th>
            <th scope="col" className="col-wide col-updated">
              {t('inbox.columns.updated')}
            </th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((ticket, index) => {
            const number = ticket.ticket_number ?? '';
            const changed = changedSince(number, ticket.updated_at);
            return (
              <tr
                key={ticket.id}
                ref={(el) => {
                  rows.current[index] = el;
                }}
                tabIndex={index === active ? 0 : -1}
                aria-current={index === active ? 'true' : undefined}
                className={index === active ? 'active' : undefined}
                data-ticket={number}
                onFocus={() => onActivate(index)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && e.target === e.currentTarget) {
                    e.preventDefault();
                    onOpen(ticket);
                  }
                }}
              >
                <td className="col-check">
                  <input
                    type="checkbox"
                    aria-label={t('inbox.selectTicket', { number })}
                    checked={selected.has(number)}
                    onChange={(e) => onSelect([number], e.target.checked)}
                  />
                </td>
                <td className="ticket-number">
                  {changed && (
                    <span className="changed-marker" title={t('inbox.updatedMarker')}>
                      <span aria-hidden="true">● </span>
                      <span className="visually-hidden">{t('inbox.updatedMarker')}: </span>
                    </span>
                  )}
                  {number}
                </td>
                <td className="col-subject">
                  <Link to={routes.deskTicket(number)} tabIndex={-1} title={ticket.subject}>
                    {ticket.subject}
                  </Link>
                  {/* Narrower than the tags column needs: the tags under the subject. */}
                  {(ticket.tags ?? []).length > 0 && (
                    <span className="inline-xl">
                      {(ticket.tags ?? []).map((tag) => (
                        <span key={tag.id} className="tag">
                          {tag.name}
                        </span>
                      ))}
                    </span>
                  )}
                </td>
                <td className="col-wide">{ticket.customer?.name || ticket.customer?.email}</td>
                <td>
                  <span className={`status status-${ticket.status ?? 'new'}`}>
                    {t(`status.${ticket.status ?? 'new'}`)}
                  </span>
                </td>
                <td>
                  <span className={`priority priority-${ticket.priority?.code ?? ''}`}>
                    {ticket.priority?.name}
                  </span>
                </td>
                <td className="col-wide">
                  {ticket.assigned_to?.name ?? '—'}
                  {ticket.team?.name && <span className="inline-xl muted small">{ticket.team.name}</span>}
                </td>
                <td className="col-wide col-xl">{ticket.team?.name ?? '—'}</td>
                <td className="col-wide col-xl">
                  {(ticket.tags ?? []).map((tag) => (
                    <span key={tag.id} className="tag">
                      {tag.name}
                    </span>
                  ))}
                </td>
                <td>
                  <SlaBadgeAt ticket={ticket} compact now={now} />
                </td>
                <td className="col-wide">
                  <time dateTime={ticket.updated_at}>{ago(ticket.updated_at, now, i18n.language)}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
