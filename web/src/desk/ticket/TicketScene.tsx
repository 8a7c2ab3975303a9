/**
 * /desk/tickets/:number: the ticket page. The conversation and the composer, and beside them the
 * properties, the SLA, the customer and the history. r reply, n note, a assign to me, s status,
 * j/k the next/previous ticket of the inbox the agent came from.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useTicket, useTicketActions } from '../../api/queries';
import type { RelatedArticle } from '../../api/ticket-help';
import { ProblemAlert } from '../../components/ProblemAlert';
import { routes } from '../../routes';
import { useHotkeys } from '../hotkeys';
import { PresenceBar } from '../live/PresenceBar';
import { usePresence } from '../live/usePresence';
import { markSeen, neighbour } from '../inbox/seen';
import { useStaff } from '../useStaff';
import { Composer } from './Composer';
import { Conversation } from './Conversation';
import { DuplicateNotice } from './DuplicateNotice';
import { CustomerPanel } from './CustomerPanel';
import { LogCallLink } from '../../channels/LogCallLink';
import { HistoryPanel } from './HistoryPanel';
import { articleAddress, RelatedArticles } from './RelatedArticles';
import { SlaPanel } from './SlaPanel';
import { TicketMenu } from './TicketMenu';
import { TicketProperties } from './TicketProperties';
import './ticket-help.css';

export default function TicketScene() {
  const { t } = useTranslation();
  const { number = '' } = useParams();
  const me = useStaff();
  const navigate = useNavigate();
  const mergedFrom = (useLocation().state as { mergedFrom?: string } | null)?.mergedFrom;
  const ticket = useTicket(number);
  const actions = useTicketActions();
  const [internal, setInternal] = useState(false);
  const [article, setArticle] = useState<string | null>(null);
  const [insertion, setInsertion] = useState<{ text: string; seq: number } | null>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  const status = useRef<HTMLSelectElement>(null);
  const data = ticket.data;
  const presence = usePresence(data?.id ? { id: data.id, number } : null);

  useEffect(() => {
    if (data?.ticket_number) markSeen(data.ticket_number, data.updated_at);
  }, [data?.ticket_number, data?.updated_at]);
  useEffect(() => setArticle(null), [number]);
  // A merged ticket's number (or an id) answers with the surviving ticket: show that one's own URL.
  const canonical = data?.ticket_number;
  useEffect(() => {
    if (canonical && canonical.toUpperCase() !== number.toUpperCase()) {
      void navigate(routes.deskTicket(canonical), { replace: true, state: { mergedFrom: number } });
    }
  }, [canonical, number, navigate]);

  const insertArticle = (related: RelatedArticle) => {
    setInternal(false);
    setInsertion((last) => ({
      text: `${related.title}: ${articleAddress(related)}`,
      seq: (last?.seq ?? 0) + 1,
    }));
  };

  const go = (step: 1 | -1) => {
    const next = neighbour(number, step);
    if (next) void navigate(routes.deskTicket(next));
  };
  useHotkeys({
    r: () => {
      setInternal(false);
      composer.current?.focus();
    },
    n: () => {
      setInternal(true);
      composer.current?.focus();
    },
    a: () => actions.assign.mutate({ id: number, body: { assigned_to: me.user.id } }),
    s: () => status.current?.focus(),
    j: () => go(1),
    k: () => go(-1),
  });

  const createArticle = async () => {
    try {
      const created = await actions.createArticle.mutateAsync({ id: number });
      setArticle(t('ticket.articleCreated', { title: created.title ?? '' }));
    } catch (err) {
      setArticle(err instanceof ApiError && err.status === 422 ? t('ticket.articleNeedsResolved') : null);
    }
  };

  if (ticket.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (ticket.isError || !data) {
    const missing = ticket.error instanceof ApiError && ticket.error.status === 404;
    return (
      <div className="ticket-page">
        <Link to={routes.desk}>← {t('ticket.back')}</Link>
        {missing ? (
          <p className="alert" role="alert">
            {t('ticket.notFound')}
          </p>
        ) : (
          <ProblemAlert error={ticket.error} />
        )}
      </div>
    );
  }

  return (
    <div className="ticket-page">
      <div className="ticket-head">
        <Link to={routes.desk} className="back">
          ← {t('ticket.back')}
        </Link>
        <h1>
          <span className="ticket-number">{data.ticket_number}</span> {data.subject}
        </h1>
        <span className={`status status-${data.status ?? 'new'}`}>{t(`status.${data.status ?? 'new'}`)}</span>
        <PresenceBar others={presence.others} />
        <TicketMenu number={data.ticket_number ?? number} />
      </div>
      {mergedFrom && mergedFrom.toUpperCase() !== (data.ticket_number ?? '').toUpperCase() && (
        <p className="merged-note" role="status">
          {t('ticketHelp.merge.mergedFrom', { from: mergedFrom })}
        </p>
      )}
      <DuplicateNotice ticket={data} />
      <div className="ticket-layout">
        <div className="ticket-primary">
          <Conversation ticket={data} />
          {data.can?.reply !== false && (
            <Composer
              ref={composer}
              ticket={data}
              internal={internal}
              onInternalChange={setInternal}
              onTyping={presence.typing}
              insertion={insertion}
            />
          )}
        </div>
        <aside className="ticket-side" aria-label={t('ticket.properties')}>
          <TicketProperties ref={status} ticket={data} />
          <SlaPanel ticket={data} />
          <RelatedArticles
            ticket={data}
            {...(data.can?.reply !== false ? { onInsert: insertArticle } : {})}
          />
          <CustomerPanel ticket={data} />
          <LogCallLink ticket={data.ticket_number ?? number} />
          <HistoryPanel ticket={number} />
          <section className="card side-panel">
            <button
              type="button"
              className="secondary"
              disabled={actions.createArticle.isPending}
              onClick={() => void createArticle()}
            >
              {t('ticket.createArticle')}
            </button>
            {article && <p role="status">{article}</p>}
            {actions.createArticle.isError &&
              !(
                actions.createArticle.error instanceof ApiError && actions.createArticle.error.status === 422
              ) && <ProblemAlert error={actions.createArticle.error} />}
          </section>
        </aside>
      </div>
    </div>
  );
}
