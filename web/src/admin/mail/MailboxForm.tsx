/**
 * Create or edit a mailbox: every field of the API. Secrets (the IMAP password, an own SMTP URL) are
 * write-only: never shown back; left empty they are kept, and removing one is an explicit choice.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useAdminMutation, useCategories, usePriorities, useTeams } from '../api';
import { MutationStatus } from '../MutationStatus';
import type { Mailbox, MailboxPatch } from './api';

interface Draft {
  address: string;
  display_name: string;
  signature: string;
  default_category: string;
  default_team: string;
  default_priority: string;
  auto_acknowledge: boolean;
  smtp_inbound: boolean;
  is_active: boolean;
  imap_host: string;
  imap_port: string;
  imap_tls: boolean;
  imap_user: string;
  imap_folder: string;
  imap_password: string;
  remove_password: boolean;
  own_smtp: boolean;
  smtp_url: string;
}

const idText = (id: number | null | undefined) => (id ? String(id) : '');
const idOrNull = (text: string) => (text ? Number(text) : null);
const textOrNull = (text: string) => (text.trim() ? text.trim() : null);

function draftOf(m: Mailbox | null): Draft {
  return {
    address: m?.address ?? '',
    display_name: m?.display_name ?? '',
    signature: m?.signature ?? '',
    default_category: idText(m?.default_category),
    default_team: idText(m?.default_team),
    default_priority: idText(m?.default_priority),
    auto_acknowledge: m?.auto_acknowledge ?? true,
    smtp_inbound: m?.smtp_inbound ?? true,
    is_active: m?.is_active ?? true,
    imap_host: m?.imap_host ?? '',
    imap_port: m?.imap_port ? String(m.imap_port) : '',
    imap_tls: m?.imap_tls ?? true,
    imap_user: m?.imap_user ?? '',
    imap_folder: m?.imap_folder ?? 'INBOX',
    imap_password: '',
    remove_password: false,
    own_smtp: m?.has_smtp_url ?? false,
    smtp_url: '',
  };
}

/** The PATCH/POST body: secrets only when typed (or removed), the SMTP URL null for the install's. */
function bodyOf(d: Draft, m: Mailbox | null): MailboxPatch {
  const body: MailboxPatch = {
    display_name: d.display_name,
    signature: d.signature,
    default_category: idOrNull(d.default_category),
    default_team: idOrNull(d.default_team),
    default_priority: idOrNull(d.default_priority),
    auto_acknowledge: d.auto_acknowledge,
    smtp_inbound: d.smtp_inbound,
    is_active: d.is_active,
    imap_host: textOrNull(d.imap_host),
    imap_port: d.imap_port ? Number(d.imap_port) : null,
    imap_tls: d.imap_tls,
    imap_user: textOrNull(d.imap_user),
    imap_folder: d.imap_folder.trim() || 'INBOX',
  };
  if (d.imap_password) body.imap_password = d.imap_password;
  else if (d.remove_password) body.imap_password = null;
  if (!d.own_smtp) {
    if (!m || m.has_smtp_url) body.smtp_url = null;
  } else if (d.smtp_url.trim()) body.smtp_url = d.smtp_url.trim();
  return body;
}

export function MailboxForm({ mailbox, onDone }: { mailbox: Mailbox | null; onDone: () => void }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const teams = useTeams();
  const priorities = usePriorities();
  const [d, setD] = useState<Draft>(() => draftOf(mailbox));
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((prev) => ({ ...prev, [k]: v }));
  const save = useAdminMutation(async (draft: Draft) => {
    const body = bodyOf(draft, mailbox);
    if (mailbox) {
      return unwrap(
        api.http.PATCH('/api/support/admin/mailboxes/{id}/', { params: { path: { id: mailbox.id } }, body }),
      );
    }
    return unwrap(
      api.http.POST('/api/support/admin/mailboxes/', { body: { ...body, address: draft.address } }),
    );
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(d, { onSuccess: onDone });
  };
  const prefix = mailbox ? `mb-${mailbox.id}` : 'mb-new';
  const text = (k: 'display_name' | 'imap_host' | 'imap_user' | 'imap_folder', label: string) => (
    <label className="field">
      {label}
      <input value={d[k]} onChange={(e) => set(k, e.target.value)} autoComplete="off" />
    </label>
  );
  const select = (
    k: 'default_category' | 'default_team' | 'default_priority',
    label: string,
    options: { id?: number; name?: string }[],
  ) => (
    <label className="field">
      {label}
      <select value={d[k]} onChange={(e) => set(k, e.target.value)}>
        <option value="">{t('mail.mailboxes.noDefault')}</option>
        {options.map((o) => (
          <option key={o.id} value={String(o.id)}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
  const check = (k: 'auto_acknowledge' | 'smtp_inbound' | 'is_active' | 'imap_tls', label: string) => (
    <label className="check-field">
      <input type="checkbox" checked={d[k]} onChange={(e) => set(k, e.target.checked)} />
      {label}
    </label>
  );

  return (
    <form className="admin-section mailbox-form" onSubmit={onSubmit} aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>
        {mailbox ? t('mail.mailboxes.edit', { address: mailbox.address }) : t('mail.mailboxes.add')}
      </h2>
      <fieldset>
        <legend>{t('mail.mailboxes.general')}</legend>
        <div className="form-grid">
          {!mailbox && (
            <label className="field">
              {t('mail.mailboxes.address')}
              <input
                type="email"
                required
                value={d.address}
                onChange={(e) => set('address', e.target.value)}
                autoComplete="off"
              />
            </label>
          )}
          {text('display_name', t('mail.mailboxes.displayName'))}
        </div>
        <label className="field">
          {t('mail.mailboxes.signature')}
          <textarea rows={3} value={d.signature} onChange={(e) => set('signature', e.target.value)} />
        </label>
        {check('is_active', t('mail.mailboxes.active'))}
        {check('auto_acknowledge', t('mail.mailboxes.autoAck'))}
        {check('smtp_inbound', t('mail.mailboxes.smtpInbound'))}
      </fieldset>
      <fieldset>
        <legend>{t('mail.mailboxes.defaults')}</legend>
        <div className="form-grid">
          {select('default_category', t('mail.mailboxes.defaultCategory'), categories.data?.results ?? [])}
          {select('default_team', t('mail.mailboxes.defaultTeam'), teams.data?.results ?? [])}
          {select('default_priority', t('mail.mailboxes.defaultPriority'), priorities.data?.results ?? [])}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('mail.mailboxes.imapTitle')}</legend>
        <div className="form-grid">
          {text('imap_host', t('mail.mailboxes.imapHost'))}
          <label className="field">
            {t('mail.mailboxes.imapPort')}
            <input
              type="number"
              min={1}
              max={65535}
              value={d.imap_port}
              onChange={(e) => set('imap_port', e.target.value)}
            />
          </label>
          {text('imap_user', t('mail.mailboxes.imapUser'))}
          <label className="field">
            {t('mail.mailboxes.imapPassword')}
            <input
              type="password"
              value={d.imap_password}
              autoComplete="new-password"
              aria-describedby={`${prefix}-pw`}
              onChange={(e) => set('imap_password', e.target.value)}
            />
          </label>
          {text('imap_folder', t('mail.mailboxes.imapFolder'))}
        </div>
        <p id={`${prefix}-pw`} className="muted small">
          {mailbox?.has_imap_password ? t('mail.mailboxes.passwordSet') : t('mail.mailboxes.passwordUnset')}
        </p>
        {mailbox?.has_imap_password && (
          <label className="check-field">
            <input
              type="checkbox"
              checked={d.remove_password}
              onChange={(e) => set('remove_password', e.target.checked)}
            />
            {t('mail.mailboxes.removePassword')}
          </label>
        )}
        {check('imap_tls', t('mail.mailboxes.imapTls'))}
      </fieldset>
      <fieldset>
        <legend>{t('mail.mailboxes.outbound')}</legend>
        <label className="check-field">
          <input
            type="radio"
            name={`${prefix}-out`}
            checked={!d.own_smtp}
            onChange={() => set('own_smtp', false)}
          />
          {t('mail.mailboxes.useInstall')}
        </label>
        <label className="check-field">
          <input
            type="radio"
            name={`${prefix}-out`}
            checked={d.own_smtp}
            onChange={() => set('own_smtp', true)}
          />
          {t('mail.mailboxes.useOwn')}
        </label>
        {d.own_smtp && (
          <label className="field">
            {t('mail.mailboxes.smtpUrl')}
            <input
              type="password"
              value={d.smtp_url}
              autoComplete="off"
              placeholder="smtps://user:password@mail.example.com:465"
              required={!mailbox?.has_smtp_url}
              pattern="smtps?://.+"
              aria-describedby={mailbox?.has_smtp_url ? `${prefix}-smtp` : undefined}
              onChange={(e) => set('smtp_url', e.target.value)}
            />
          </label>
        )}
        {d.own_smtp && mailbox?.has_smtp_url && (
          <p id={`${prefix}-smtp`} className="muted small">
            {t('mail.mailboxes.smtpSet')}
          </p>
        )}
      </fieldset>
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {mailbox ? t('admin.save') : t('admin.create')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('mail.mailboxes.cancel')}
        </button>
      </div>
      <MutationStatus error={save.error} saved={false} />
    </form>
  );
}
