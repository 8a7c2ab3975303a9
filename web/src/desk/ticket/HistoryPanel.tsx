/** Assignment history and the audit trail of field changes, in Radix tabs. */
import { Tabs } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { useAgents, useTeams, useTicketAssignments, useTicketHistory } from '../../api/queries';
import { dateTime } from '../format';

export function HistoryPanel({ ticket }: { ticket: string }) {
  const { t, i18n } = useTranslation();
  const history = useTicketHistory(ticket).data?.results ?? [];
  const assignments = useTicketAssignments(ticket).data?.results ?? [];
  const { agents } = useAgents();
  const teams = useTeams().data?.results ?? [];
  const person = (id: number | null | undefined) =>
    id == null ? '—' : (agents.find((a) => a.id === id)?.name ?? `#${id}`);
  const team = (id: number | null | undefined) =>
    id == null ? '—' : (teams.find((x) => x.id === id)?.name ?? `#${id}`);

  return (
    <section className="card side-panel" aria-labelledby="history-title">
      <h2 id="history-title">{t('ticket.history')}</h2>
      <Tabs.Root defaultValue="assignments">
        <Tabs.List className="mini-tabs" aria-label={t('ticket.history')}>
          <Tabs.Trigger value="assignments">{t('ticket.assignments')}</Tabs.Trigger>
          <Tabs.Trigger value="audit">{t('ticket.audit')}</Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="assignments">
          {assignments.length === 0 ? (
            <p className="muted">{t('ticket.noHistory')}</p>
          ) : (
            <ol className="timeline">
              {assignments.map((a) => (
                <li key={a.id}>
                  <time dateTime={a.created_at}>{dateTime(a.created_at, i18n.language)}</time>
                  <span>
                    {t('ticket.assignmentAction', {
                      action: t(`ticket.actions.${a.action ?? ''}`, { defaultValue: a.action ?? '' }),
                      by: a.created_by == null ? t('ticket.system') : person(a.created_by),
                    })}
                    : {person(a.from_user)} → {person(a.to_user)}
                    {(a.from_team ?? a.to_team) != null && ` (${team(a.from_team)} → ${team(a.to_team)})`}
                  </span>
                  {a.reason && <span className="muted">{a.reason}</span>}
                </li>
              ))}
            </ol>
          )}
        </Tabs.Content>
        <Tabs.Content value="audit">
          {history.length === 0 ? (
            <p className="muted">{t('ticket.noHistory')}</p>
          ) : (
            <ol className="timeline">
              {history.map((h) => (
                <li key={h.id}>
                  <time dateTime={h.created_at}>{dateTime(h.created_at, i18n.language)}</time>
                  <span>
                    {t('ticket.changed', {
                      field: t(`ticket.${h.field ?? ''}`, { defaultValue: h.field ?? '' }),
                      from: h.old_value ?? '—',
                      to: h.new_value ?? '—',
                    })}
                  </span>
                  {h.actor_user != null && <span className="muted">{person(h.actor_user)}</span>}
                </li>
              ))}
            </ol>
          )}
        </Tabs.Content>
      </Tabs.Root>
    </section>
  );
}
