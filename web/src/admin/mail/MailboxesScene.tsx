/**
 * Admin → Mailboxes: every address customers write to, how its mail comes in (SMTP listener, IMAP), its
 * connection state with the last error and when, the last check; a form to add or edit one, "Test
 * connection" with its outcome, and disable/delete behind a confirmation.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Splash } from '../../guards';
import { useAdminMutation } from '../api';
import { useMailboxes, type Mailbox } from './api';
import { MailboxForm } from './MailboxForm';
import './mail.css';

function when(at: string | null | undefined, language: string, never: string) {
  return at ? new Date(at).toLocaleString(language) : never;
}

function Connection({ mailbox }: { mailbox: Mailbox }) {
  const { t, i18n } = useTranslation();
  const at = when(mailbox.last_checked_at, i18n.language, t('mail.mailboxes.never'));
  return (
    <>
      <span className={`status-chip mail-state-${mailbox.state}`}>{t(`mail.state.${mailbox.state}`)}</span>
      {mailbox.last_error && (
        <p className="mail-error small">
          {t('mail.mailboxes.lastError', { when: at, error: mailbox.last_error })}
        </p>
      )}
      {mailbox.imap_failures > 0 && mailbox.next_poll_at && (
        <p className="muted small">
          {t('mail.mailboxes.failures', {
            count: mailbox.imap_failures,
            when: when(mailbox.next_poll_at, i18n.language, ''),
          })}
        </p>
      )}
    </>
  );
}

function Actions({ mailbox, onEdit }: { mailbox: Mailbox; onEdit: () => void }) {
  const { t, i18n } = useTranslation();
  const path = { params: { path: { id: mailbox.id } } };
  const test = useAdminMutation(() => unwrap(api.http.POST('/api/support/admin/mailboxes/{id}/test/', path)));
  const toggle = useAdminMutation(() =>
    unwrap(
      api.http.PATCH('/api/support/admin/mailboxes/{id}/', {
        ...path,
        body: { is_active: !mailbox.is_active },
      }),
    ),
  );
  const remove = useAdminMutation(() => unwrap(api.http.DELETE('/api/support/admin/mailboxes/{id}/', path)));
  const address = mailbox.address;
  const result = test.data;
  return (
    <div className="mail-actions">
      <div className="row">
        <button type="button" className="secondary small" onClick={onEdit}>
          {t('mail.mailboxes.editShort')}
          <span className="visually-hidden"> {address}</span>
        </button>
        <button
          type="button"
          className="secondary small"
          disabled={test.isPending}
          onClick={() => test.mutate()}
        >
          {test.isPending ? t('mail.mailboxes.testing') : t('mail.mailboxes.test')}
          <span className="visually-hidden"> {address}</span>
        </button>
        <button
          type="button"
          className="secondary small"
          onClick={() => {
            if (!mailbox.is_active || window.confirm(t('mail.mailboxes.disableConfirm', { address })))
              toggle.mutate();
          }}
        >
          {mailbox.is_active ? t('mail.mailboxes.disable') : t('mail.mailboxes.enable')}
          <span className="visually-hidden"> {address}</span>
        </button>
        <button
          type="button"
          className="danger small"
          onClick={() => {
            if (window.confirm(t('mail.mailboxes.deleteConfirm', { address }))) remove.mutate();
          }}
        >
          {t('mail.mailboxes.delete')}
          <span className="visually-hidden"> {address}</span>
        </button>
      </div>
      <p role="status" className="small" data-testid={`test-result-${mailbox.id}`}>
        {result &&
          (result.state === 'error'
            ? t('mail.mailboxes.testFailed', { error: result.last_error })
            : result.state === 'ok'
              ? t('mail.mailboxes.testOk', { when: when(result.last_checked_at, i18n.language, '') })
              : t('mail.mailboxes.testUnknown'))}
      </p>
      {[test.error, toggle.error, remove.error].map((error, i) =>
        error ? <ProblemAlert key={i} error={error} /> : null,
      )}
    </div>
  );
}

export default function MailboxesScene() {
  const { t, i18n } = useTranslation();
  const mailboxes = useMailboxes();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  if (mailboxes.error) return <ProblemAlert error={mailboxes.error} />;
  if (!mailboxes.data) return <Splash />;
  const rows = mailboxes.data.results ?? [];
  const current = typeof editing === 'number' ? (rows.find((m) => m.id === editing) ?? null) : null;
  return (
    <section className="admin-page" aria-labelledby="mb-title">
      <h1 id="mb-title">{t('mail.mailboxes.title')}</h1>
      <p className="muted">{t('mail.mailboxes.intro')}</p>
      {rows.length === 0 ? (
        <p>{t('mail.mailboxes.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="mail-table">
            <caption className="visually-hidden">{t('mail.mailboxes.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mail.mailboxes.address')}</th>
                <th scope="col">{t('mail.mailboxes.inbound')}</th>
                <th scope="col">{t('mail.mailboxes.connection')}</th>
                <th scope="col">{t('mail.mailboxes.lastPoll')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('staff.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id} data-testid={`mailbox-${m.address}`}>
                  <th scope="row">
                    {m.address}
                    {m.display_name && <div className="muted small">{m.display_name}</div>}
                    {!m.is_active && <div className="status-chip">{t('mail.mailboxes.inactive')}</div>}
                  </th>
                  <td>
                    {[m.smtp_inbound && t('mail.mailboxes.listener'), m.imap_host && t('mail.mailboxes.imap')]
                      .filter(Boolean)
                      .join(' + ') || t('mail.mailboxes.noInbound')}
                    {m.imap_host && (
                      <div className="muted small">{`${m.imap_host}:${m.imap_port ?? 993}`}</div>
                    )}
                  </td>
                  <td>
                    <Connection mailbox={m} />
                  </td>
                  <td>{when(m.last_checked_at, i18n.language, t('mail.mailboxes.never'))}</td>
                  <td>
                    <Actions mailbox={m} onEdit={() => setEditing(m.id)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing === null ? (
        <div className="row">
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            {t('mail.mailboxes.add')}
          </button>
        </div>
      ) : (
        <MailboxForm key={String(editing)} mailbox={current} onDone={() => setEditing(null)} />
      )}
    </section>
  );
}
