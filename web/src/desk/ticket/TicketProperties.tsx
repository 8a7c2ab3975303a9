/**
 * Inline editing of the ticket's status (only the transitions the API allows, from `can`), priority,
 * category, team, assignee ("assign to me") and tags. Each change is one API call; the ticket refetches.
 */
import { forwardRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useTags, useTicketActions } from '../../api/queries';
import type { Ticket, TicketStatus } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PropertySelect } from '../PropertySelect';
import { useStaff } from '../useStaff';

function Row({ label, id, children }: { label: string; id: string; children: ReactNode }) {
  return (
    <div className="prop">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

export const TicketProperties = forwardRef<HTMLSelectElement, { ticket: Ticket }>(function TicketProperties(
  { ticket },
  statusRef,
) {
  const { t } = useTranslation();
  const me = useStaff();
  const id = ticket.ticket_number ?? '';
  const actions = useTicketActions();
  const allTags = useTags().data?.results ?? [];
  const status = ticket.status ?? 'new';
  const statuses = [status, ...(ticket.can?.change_status ?? []).filter((s) => s !== status)];
  const canAssign = ticket.can?.assign !== false;
  const tags = ticket.tags ?? [];
  const error = [actions.patch, actions.setStatus, actions.assign, actions.tag].find((m) => m.isError)?.error;

  return (
    <section className="card side-panel" aria-labelledby="props-title">
      <h2 id="props-title">{t('ticket.properties')}</h2>
      <Row label={t('ticket.status')} id="prop-status">
        <select
          id="prop-status"
          ref={statusRef}
          value={status}
          onChange={(e) => actions.setStatus.mutate({ id, status: e.target.value as TicketStatus })}
        >
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </Row>
      <Row label={t('ticket.priority')} id="prop-priority">
        <PropertySelect
          kind="priority"
          id="prop-priority"
          value={ticket.priority?.code ?? ''}
          onChange={(e) => actions.patch.mutate({ id, body: { priority: e.target.value } })}
        />
      </Row>
      <Row label={t('ticket.category')} id="prop-category">
        <PropertySelect
          kind="category"
          id="prop-category"
          none={t('ticket.noCategory')}
          value={ticket.category?.slug ?? ''}
          onChange={(e) => actions.patch.mutate({ id, body: { category: e.target.value || null } })}
        />
      </Row>
      <Row label={t('ticket.team')} id="prop-team">
        <PropertySelect
          kind="team"
          id="prop-team"
          none={t('ticket.noTeam')}
          disabled={!canAssign}
          value={ticket.team?.id ?? ''}
          onChange={(e) =>
            actions.assign.mutate({ id, body: { team: e.target.value ? Number(e.target.value) : null } })
          }
        />
      </Row>
      <Row label={t('ticket.assignee')} id="prop-assignee">
        <div className="prop-inline">
          <PropertySelect
            kind="assignee"
            id="prop-assignee"
            none={t('ticket.nobody')}
            disabled={!canAssign}
            value={ticket.assigned_to?.id ?? ''}
            current={
              ticket.assigned_to?.id !== undefined
                ? { value: String(ticket.assigned_to.id), label: ticket.assigned_to.name ?? '' }
                : null
            }
            onChange={(e) =>
              actions.assign.mutate({
                id,
                body: { assigned_to: e.target.value ? Number(e.target.value) : null },
              })
            }
          />
          {ticket.assigned_to?.id !== me.user.id && canAssign && (
            <button
              type="button"
              className="link"
              onClick={() => actions.assign.mutate({ id, body: { assigned_to: me.user.id } })}
            >
              {t('ticket.assignToMe')}
            </button>
          )}
        </div>
      </Row>
      <div className="prop">
        <span className="prop-label" id="prop-tags-label">
          {t('ticket.tags')}
        </span>
        <ul className="tag-list" aria-labelledby="prop-tags-label">
          {tags.map((tag) => (
            <li key={tag.id} className="tag">
              {tag.name}
              <button
                type="button"
                className="link"
                aria-label={t('ticket.removeTag', { name: tag.name })}
                onClick={() => actions.tag.mutate({ id, remove: [tag.slug ?? ''] })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <label className="visually-hidden" htmlFor="prop-add-tag">
          {t('ticket.addTag')}
        </label>
        <select
          id="prop-add-tag"
          value=""
          onChange={(e) => e.target.value && actions.tag.mutate({ id, add: [e.target.value] })}
        >
          <option value="">{t('ticket.addTag')}</option>
          {allTags
            .filter((x) => !tags.some((tag) => tag.id === x.id))
            .map((x) => (
              <option key={x.id} value={x.slug}>
                {x.name}
              </option>
            ))}
        </select>
      </div>
      {error !== undefined && error !== null && <ProblemAlert error={error} />}
    </section>
  );
});
