/**
 * /portal/tickets/:number: the ticket's public conversation with its files, a reply (with files), close,
 * and the 1–5 rating with a comment once it is resolved. What the customer may do comes with the
 * ticket (`can`), so this page never decides it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, type Ticket } from '../../api/client';
import { useTicket, useTicketActions } from '../../api/queries';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useRateTicket } from '../portal-api';
import { portalRoutes as urls } from '../urls';
import { FilePicker } from './FilePicker';

type Attachment = NonNullable<Ticket['attachments']>[number];

const size = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 ** 2
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1024 ** 2).toFixed(1)} MB`;

function Files({ ticketId, files }: { ticketId: number; files: Attachment[] }) {
  const { t } = useTranslation();
  if (files.length === 0) return null;
  return (
    <ul className="portal-files" aria-label={t('portal.attachments')}>
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/api/support/tickets/${ticketId}/attachments/${f.id}/`} download={f.filename}>
            {t('portal.download', { name: f.filename, size: size(f.file_size ?? 0) })}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Rating({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const rate = useRateTicket();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  if (ticket.satisfaction_rating) {
    return (
      <p className="notice" role="status">
        {t('portal.thanksRating', { rating: ticket.satisfaction_rating })}
      </p>
    );
  }
  if (!ticket.can?.rate) return null;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    rate.mutate({ id: String(ticket.id), rating, comment: comment.trim() });
  };
  return (
    <form className="stack portal-rating" onSubmit={onSubmit} aria-labelledby="rate-title">
      <h2 id="rate-title">{t('portal.rateTitle')}</h2>
      <fieldset>
        <legend>{t('portal.rating')}</legend>
        <div className="portal-stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n}>
              <input
                type="radio"
                name="rating"
                value={n}
                checked={rating === n}
                onChange={() => setRating(n)}
                required
              />
              <span aria-hidden="true">{'★'.repeat(n)}</span>
              <span className="visually-hidden">{t('portal.stars', { count: n })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="rate-comment">{t('portal.comment')}</label>
        <textarea
          id="rate-comment"
          rows={3}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      {rate.isError && <ProblemAlert error={rate.error} />}
      <button type="submit" className="primary" disabled={rating === 0 || rate.isPending}>
        {t('portal.sendRating')}
      </button>
    </form>
  );
}

function ReplyForm({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { reply } = useTicketActions();
  const [message, setMessage] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [sent, setSent] = useState(false);
  if (!ticket.can?.reply) return null;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSent(false);
    reply.mutate(
      { id: String(ticket.id), body: { message: message.trim() }, files },
      {
        onSuccess: () => {
          setMessage('');
          setFiles([]);
          setSent(true);
        },
      },
    );
  };
  return (
    <form className="stack" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="portal-reply">{t('portal.reply')}</label>
        <textarea
          id="portal-reply"
          rows={5}
          required
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
      </div>
      <FilePicker files={files} onChange={setFiles} />
      {reply.isError && <ProblemAlert error={reply.error} />}
      {sent && (
        <p className="notice" role="status">
          {t('portal.replySent')}
        </p>
      )}
      <button type="submit" className="primary" disabled={reply.isPending}>
        {t('portal.sendReply')}
      </button>
    </form>
  );
}

export default function TicketScene() {
  const { number = '' } = useParams();
  const { t, i18n } = useTranslation();
  const query = useTicket(number);
  const { setStatus } = useTicketActions();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  if (query.isPending) return <p className="splash">{t('app.loading')}</p>;
  if (query.isError) {
    const missing = query.error instanceof ApiError && [403, 404].includes(query.error.status);
    return (
      <section className="card portal-card">
        {missing ? <p role="alert">{t('portal.ticketNotFound')}</p> : <ProblemAlert error={query.error} />}
        <Link to={urls.home}>{t('portal.backToTickets')}</Link>
      </section>
    );
  }
  const ticket = query.data;
  const files = ticket.attachments ?? [];
  const status = ticket.status ?? 'new';
  const canClose = ticket.can?.change_status?.includes('closed') ?? false;

  return (
    <article className="card portal-card wide" aria-labelledby="portal-ticket-title">
      <p>
        <Link to={urls.home}>← {t('portal.backToTickets')}</Link>
      </p>
      <div className="portal-title-row">
        <h1 id="portal-ticket-title">{ticket.subject}</h1>
        <span className={`status status-${status}`} data-testid="ticket-status">
          {t(`status.${status}`)}
        </span>
      </div>
      <p className="muted">
        {t('portal.number', { number: ticket.ticket_number })}
        {ticket.created_at && ` · ${t('portal.opened', { when: date.format(new Date(ticket.created_at)) })}`}
      </p>
      <h2>{t('portal.conversation')}</h2>
      <ol className="portal-conversation">
        <li className="from-customer">
          <p className="portal-sender">{t('portal.you')}</p>
          <p className="portal-text">{ticket.description}</p>
          <Files ticketId={ticket.id ?? 0} files={files.filter((f) => f.message_id === null)} />
        </li>
        {(ticket.messages ?? []).map((m) => (
          <li key={m.id} className={m.is_staff_reply ? 'from-staff' : 'from-customer'}>
            <p className="portal-sender">
              {m.is_staff_reply ? m.sender_name || t('portal.support') : t('portal.you')}
              {m.created_at && <time dateTime={m.created_at}> · {date.format(new Date(m.created_at))}</time>}
            </p>
            <p className="portal-text">{m.message}</p>
            <Files ticketId={ticket.id ?? 0} files={files.filter((f) => f.message_id === m.id)} />
          </li>
        ))}
      </ol>
      <Rating ticket={ticket} />
      <ReplyForm ticket={ticket} />
      {status === 'closed' && <p className="muted">{t('portal.closed')}</p>}
      {canClose && (
        <button
          type="button"
          className="secondary"
          disabled={setStatus.isPending}
          onClick={() => setStatus.mutate({ id: String(ticket.id), status: 'closed' })}
        >
          {t('portal.closeTicket')}
        </button>
      )}
      {setStatus.isError && <ProblemAlert error={setStatus.error} />}
    </article>
  );
}
