/**
 * Admin → Incoming mail: the mail kept without a ticket — failed processing, automatic mail, bounces —
 * filtered by kind, each openable with its header fields, sanitised content and source, a download of
 * the raw .eml, "Retry processing" for a failed one and a link to the ticket it made, if any.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fileSize } from '../../desk/format';
import { Splash } from '../../guards';
import { routes } from '../../routes';
import { useAdminMutation } from '../api';
import { rawMailUrl, useInboundMail, useInboundMails, type InboundQuery, type InboundSummary } from './api';
import './mail.css';

const FILTERS = {
  failed: { status: 'failed' },
  auto: { classification: 'auto' },
  bounce: { classification: 'bounce' },
  bulk: { classification: 'bulk' },
  all: {},
} as const satisfies Record<string, InboundQuery>;
type Filter = keyof typeof FILTERS;

function Detail({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const mail = useInboundMail(id);
  const retry = useAdminMutation(() =>
    unwrap(api.http.POST('/api/support/admin/inbound-emails/{id}/retry/', { params: { path: { id } } })),
  );
  if (mail.error) return <ProblemAlert error={mail.error} />;
  if (!mail.data) return <Splash />;
  const m = mail.data;
  return (
    <section className="admin-section mail-detail" aria-labelledby="in-detail">
      <h2 id="in-detail">{t('mail.inbound.details', { id })}</h2>
      <p>
        <span className="status-chip">{t(`mail.inbound.statuses.${m.status ?? 'received'}`)}</span>{' '}
        <span className="status-chip">{t(`mail.inbound.kinds.${m.classification ?? 'normal'}`)}</span>{' '}
        <span className="muted small">{t('mail.inbound.attempts', { count: m.attempts ?? 0 })}</span>
      </p>
      {m.error && <p className="mail-error">{m.error}</p>}
      <div className="row">
        <a className="link-button" href={rawMailUrl(id)} download={`inbound-${id}.eml`}>
          {t('mail.inbound.download')}
        </a>
        {m.status === 'failed' && (
          <button type="button" className="primary" disabled={retry.isPending} onClick={() => retry.mutate()}>
            {t('mail.inbound.retry')}
          </button>
        )}
        {m.ticket && <Link to={routes.deskTicket(String(m.ticket))}>{t('mail.inbound.openTicket')}</Link>}
        <button type="button" className="secondary" onClick={onClose}>
          {t('mail.inbound.close')}
        </button>
      </div>
      <p role="status">
        {retry.data &&
          t('mail.inbound.retried', {
            status: t(`mail.inbound.statuses.${retry.data.status ?? 'received'}`),
          })}
      </p>
      {retry.error ? <ProblemAlert error={retry.error} /> : null}
      <h3>{t('mail.inbound.headers')}</h3>
      <dl>
        {(m.headers ?? []).map((h, i) => (
          <div key={i} style={{ display: 'contents' }}>
            <dt>{h.name}</dt>
            <dd>{h.value}</dd>
          </div>
        ))}
      </dl>
      {m.html_body && (
        <>
          <h3>{t('mail.inbound.body')}</h3>
          {/* Sanitised by the server, and still shown in a frame that may run nothing and load nothing. */}
          <iframe className="mail-frame" sandbox="" srcDoc={m.html_body} title={t('mail.inbound.body')} />
        </>
      )}
      {m.folded_text && (
        <details>
          <summary>{t('mail.inbound.folded')}</summary>
          <pre className="mail-source">{m.folded_text}</pre>
        </details>
      )}
      <h3>{t('mail.inbound.source')}</h3>
      <pre className="mail-source" tabIndex={0} aria-label={t('mail.inbound.source')}>
        {m.source_preview}
      </pre>
    </section>
  );
}

function Row({ mail, onOpen }: { mail: InboundSummary; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <tr data-testid={`inbound-${mail.id}`}>
      <td>{mail.received_at ? new Date(mail.received_at).toLocaleString(i18n.language) : ''}</td>
      <td>{mail.mailbox_address}</td>
      <td>{t(`mail.inbound.statuses.${mail.status ?? 'received'}`)}</td>
      <td>{t(`mail.inbound.kinds.${mail.classification ?? 'normal'}`)}</td>
      <td className="mail-error">{mail.error}</td>
      <td>{fileSize(mail.size ?? 0)}</td>
      <td>{mail.ticket ? <Link to={routes.deskTicket(String(mail.ticket))}>#{mail.ticket}</Link> : '—'}</td>
      <td>
        <button type="button" className="secondary small" onClick={onOpen}>
          {t('mail.inbound.open', { id: mail.id })}
        </button>
      </td>
    </tr>
  );
}

export default function InboundScene() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('failed');
  const [open, setOpen] = useState<number | null>(null);
  const mails = useInboundMails({ ...FILTERS[filter], limit: 25 });
  if (mails.error) return <ProblemAlert error={mails.error} />;
  if (!mails.data) return <Splash />;
  const rows = mails.data.pages.flatMap((page) => page.results ?? []);
  return (
    <section className="admin-page" aria-labelledby="in-title">
      <h1 id="in-title">{t('mail.inbound.title')}</h1>
      <p className="muted">{t('mail.inbound.intro')}</p>
      <fieldset className="mail-filters">
        <legend className="visually-hidden">{t('mail.inbound.filter')}</legend>
        {(Object.keys(FILTERS) as Filter[]).map((f) => (
          <label key={f}>
            <input type="radio" name="inbound-filter" checked={filter === f} onChange={() => setFilter(f)} />
            {t(`mail.inbound.filters.${f}`)}
          </label>
        ))}
      </fieldset>
      {open !== null && <Detail key={open} id={open} onClose={() => setOpen(null)} />}
      {rows.length === 0 ? (
        <p>{t('mail.inbound.none')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t(`mail.inbound.filters.${filter}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mail.inbound.received')}</th>
                <th scope="col">{t('mail.inbound.mailbox')}</th>
                <th scope="col">{t('mail.inbound.status')}</th>
                <th scope="col">{t('mail.inbound.kind')}</th>
                <th scope="col">{t('mail.inbound.error')}</th>
                <th scope="col">{t('mail.inbound.size')}</th>
                <th scope="col">{t('mail.inbound.ticket')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('staff.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <Row key={m.id} mail={m} onOpen={() => setOpen(m.id ?? null)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mails.hasNextPage && (
        <button
          type="button"
          className="secondary"
          disabled={mails.isFetchingNextPage}
          onClick={() => void mails.fetchNextPage()}
        >
          {t('mail.inbound.more')}
        </button>
      )}
    </section>
  );
}
