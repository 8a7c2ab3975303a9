/**
 * /portal/tickets/new: a new ticket, by a logged-in customer or (with their email) a visitor, with
 * files. Help articles that may already answer it are suggested while they type (deflection).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CreatedTicket } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SuggestedArticles, useSuggestions } from '../../components/SuggestedArticles';
import { useDeflectionTracker } from '../../deflection';
import { useSession } from '../../session';
import { createTicket, usePortalInfo } from '../portal-api';
import { portalRoutes as urls } from '../urls';
import { FilePicker } from './FilePicker';

export default function NewTicketScene() {
  const { t } = useTranslation();
  const { state } = useSession();
  const me = state.status === 'signed-in' && state.me.kind === 'customer' ? state.me : null;
  const info = usePortalInfo();
  const workspace = me?.workspace.slug ?? info.data?.slug;
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedTicket | null>(null);
  const tracker = useDeflectionTracker(workspace);
  const suggestions = useSuggestions(subject, description, workspace);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const text = { subject: subject.trim(), description: description.trim() };
      const ticket = await createTicket(
        me ? text : { ...text, email: email.trim(), name: name.trim() },
        files,
      );
      tracker.submitted();
      setCreated(ticket);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <section className="card portal-card" aria-labelledby="ticket-sent-title">
        <h1 id="ticket-sent-title">{t('portal.thanks')}</h1>
        <p>
          {t('portal.numberIs')} <strong data-testid="ticket-number">{created.ticket_number}</strong>.{' '}
          {me ? null : t('portal.answerByEmail')}
        </p>
        {me && created.ticket_number && (
          <Link className="button primary" to={urls.ticket(created.ticket_number)}>
            {t('portal.viewTicket')}
          </Link>
        )}
      </section>
    );
  }

  return (
    <section className="card portal-card wide" aria-labelledby="ticket-form-title">
      <h1 id="ticket-form-title">{t('portal.contact')}</h1>
      <p className="muted">{t('portal.contactHint')}</p>
      <form className="stack" onSubmit={(event) => void onSubmit(event)}>
        {!me && (
          <>
            <div className="field">
              <label htmlFor="ticket-name">{t('portal.yourName')}</label>
              <input
                id="ticket-name"
                autoComplete="name"
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="ticket-email">{t('portal.yourEmail')}</label>
              <input
                id="ticket-email"
                type="email"
                required
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor="ticket-subject">{t('portal.subject')}</label>
          <input
            id="ticket-subject"
            required
            maxLength={255}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="ticket-description">{t('portal.howCanWeHelp')}</label>
          <textarea
            id="ticket-description"
            required
            rows={7}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        {workspace && <SuggestedArticles suggestions={suggestions} workspace={workspace} tracker={tracker} />}
        <FilePicker files={files} onChange={setFiles} />
        {error !== null && <ProblemAlert error={error} />}
        <button className="primary" type="submit" disabled={busy}>
          {busy ? t('portal.sending') : t('portal.send')}
        </button>
      </form>
    </section>
  );
}
