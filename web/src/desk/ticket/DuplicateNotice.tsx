/**
 * "Possible duplicate of DEMO-41": the earlier tickets the server found (same customer, order or
 * consignment, similar subject and text, within the workspace's window), each linked, with why and
 * when, "Merge into DEMO-41" behind a confirmation, and "Not a duplicate", which drops the suggestion
 * for good (for every agent, both ways). Nothing shows when there is none.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDismissDuplicate, usePossibleDuplicates, type PossibleDuplicate } from '../../api/ticket-help';
import type { Ticket } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { routes } from '../../routes';
import { dateTime } from '../format';
import { MergeDialog } from './MergeDialog';

/** Why the server thinks so, in words: the shared customer/order/consignment and the similarity. */
function reasonsOf(d: PossibleDuplicate, t: (key: string, options?: Record<string, unknown>) => string) {
  return [
    ...d.reasons.map((reason) => t(`ticketHelp.duplicates.reasons.${reason}`)),
    t('ticketHelp.duplicates.similar', { percent: Math.round(d.similarity * 100) }),
  ].join(' · ');
}

export function DuplicateNotice({ ticket }: { ticket: Ticket }) {
  const { t, i18n } = useTranslation();
  const number = ticket.ticket_number ?? '';
  const found = usePossibleDuplicates(number).data?.results ?? [];
  const [target, setTarget] = useState<string | null>(null);
  const dismiss = useDismissDuplicate();
  if (found.length === 0) return null;
  return (
    <section className="duplicate-notice" aria-label={t('ticketHelp.duplicates.label')}>
      <ul>
        {found.map((d) => (
          <li key={d.id}>
            <p className="duplicate-title">
              <strong>
                {t('ticketHelp.duplicates.of')}{' '}
                <Link to={routes.deskTicket(d.ticket_number)}>{d.ticket_number}</Link>
              </strong>{' '}
              <span>{d.subject}</span>{' '}
              <span className={`status status-${d.status}`}>{t(`status.${d.status}`)}</span>
            </p>
            <p className="muted small">
              {t('ticketHelp.duplicates.why')}: {reasonsOf(d, t)} ·{' '}
              {t('ticketHelp.duplicates.opened', { when: dateTime(d.created_at, i18n.language) })}
            </p>
            <div className="duplicate-actions">
              <button type="button" className="secondary" onClick={() => setTarget(d.ticket_number)}>
                {t('ticketHelp.duplicates.mergeInto', { number: d.ticket_number })}
              </button>
              <button
                type="button"
                className="secondary"
                disabled={dismiss.isPending}
                title={t('ticketHelp.duplicates.notDuplicateHint', { number: d.ticket_number })}
                onClick={() => dismiss.mutate({ id: number, ticket: d.ticket_number })}
              >
                {t('ticketHelp.duplicates.notDuplicate')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {dismiss.error ? <ProblemAlert error={dismiss.error} /> : null}
      <MergeDialog
        from={number}
        into={target}
        open={target !== null}
        onOpenChange={(open) => !open && setTarget(null)}
      />
    </section>
  );
}
