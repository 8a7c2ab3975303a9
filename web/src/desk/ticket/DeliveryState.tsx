/**
 * A public staff reply's mail to the customer: queued, sent, failed (with the error and a retry) or
 * bounced, read from the ticket's outbox (GET /tickets/{id}/emails/, staff only). The query sits under
 * the ticket's keys, so the event stream's `email.status_changed` refreshes it live.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { Answer } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { dateTime } from '../format';

type Page = Answer<'/api/support/tickets/{id}/emails/', 'get'>;
export type TicketMail = NonNullable<Page['results']>[number];

const mailsKey = (ticket: string) => ['tickets', 'emails', ticket] as const;

/** The ticket's mails by the message they carry (the newest per message). */
export function useReplyMails(ticket: string): Map<number, TicketMail> {
  const mails = useQuery({
    queryKey: mailsKey(ticket),
    queryFn: ({ signal }) =>
      unwrap(
        api.http.GET('/api/support/tickets/{id}/emails/', {
          params: { path: { id: ticket }, query: { limit: 100 } },
          signal,
        }),
      ),
  });
  const byMessage = new Map<number, TicketMail>();
  for (const mail of mails.data?.results ?? []) {
    if (mail.message !== null && !byMessage.has(mail.message)) byMessage.set(mail.message, mail);
  }
  return byMessage;
}

export function DeliveryState({ ticket, mail }: { ticket: string; mail: TicketMail | undefined }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const retry = useMutation({
    mutationFn: (m: TicketMail) =>
      unwrap(
        api.http.POST('/api/support/tickets/{id}/emails/{emailId}/retry/', {
          params: { path: { id: ticket, emailId: m.id } },
          body: m.needs_review ? { confirm_possible_duplicate: true } : {},
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: mailsKey(ticket) }),
  });
  if (!mail) return null;
  const when = mail.bounced_at ?? mail.sent_at;
  const detail =
    mail.status === 'bounced' ? mail.bounce_reason : mail.status === 'failed' ? mail.last_error : '';
  return (
    <p
      className={`delivery delivery-${mail.status}`}
      data-testid={`delivery-${mail.message}`}
      data-status={mail.status}
    >
      <span aria-hidden="true">✉ </span>
      <span>
        {t(`mail.delivery.${mail.status}`)}
        {when && ` · ${dateTime(when, i18n.language)}`}
        {` · ${mail.to}`}
      </span>
      {detail && <span className="delivery-error">{` — ${detail}`}</span>}
      {mail.needs_review && <span className="delivery-error">{` (${t('mail.delivery.review')})`}</span>}
      {mail.status === 'failed' && (
        <button
          type="button"
          className="secondary small"
          disabled={retry.isPending}
          onClick={() => {
            if (!mail.needs_review || window.confirm(t('mail.delivery.reviewConfirm'))) retry.mutate(mail);
          }}
        >
          {t('mail.delivery.retry')}
        </button>
      )}
      {retry.error ? <ProblemAlert error={retry.error} /> : null}
    </p>
  );
}
