/**
 * /app/tickets/new: the web ticket form, for a logged-in customer or (with ?workspace=) a visitor who
 * gives their email. While the customer types, help articles that may already answer the question are
 * suggested below what they wrote, before the send button (deflection); what they do with them is recorded for the statistics.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CreatedTicket, type MeResponse } from '../api/client';
import { AppHeader } from '../components/AppHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { SuggestedArticles, useSuggestions } from '../components/SuggestedArticles';
import { useDeflectionTracker } from '../deflection';
import { useNavigate } from 'react-router';
import { routes } from '../routes';

/** The workspace the form writes to: the customer's own, else the one the link named. */
function formWorkspace(me: MeResponse | null): string {
  if (me) return me.workspace.slug;
  return new URLSearchParams(window.location.search).get('workspace')?.trim().toLowerCase() ?? '';
}

export function TicketFormScene({ me }: { me: MeResponse | null }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const [workspace, setWorkspace] = useState(() => formWorkspace(me));
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedTicket | null>(null);
  const named = workspace || undefined;
  const tracker = useDeflectionTracker(named);
  const suggestions = useSuggestions(subject, description, named);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const input = me
        ? { subject: subject.trim(), description: description.trim() }
        : {
            subject: subject.trim(),
            description: description.trim(),
            email: email.trim(),
            name: name.trim(),
          };
      const ticket = await api.createTicket(input, me ? undefined : named);
      tracker.submitted();
      setCreated(ticket);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const body = created ? (
    <section className="card panel" aria-labelledby="ticket-sent-title">
      <h1 id="ticket-sent-title">{t('portal.thanks')}</h1>
      <p>
        {t('portal.numberIs')} <strong data-testid="ticket-number">{created.ticket_number}</strong>.{' '}
        {t('portal.answerByEmail')}
      </p>
      {me && (
        <button type="button" className="secondary" onClick={() => void navigate(routes.home)}>
          {t('portal.backToTickets')}
        </button>
      )}
    </section>
  ) : (
    <div className="ticket-form-layout">
      <section className="card panel" aria-labelledby="ticket-form-title">
        <h1 id="ticket-form-title">{t('portal.contact')}</h1>
        <p className="muted">{t('portal.contactHint')}</p>
        <form className="stack" onSubmit={(event) => void onSubmit(event)}>
          {!me && !formWorkspace(null) && (
            <div className="field">
              <label htmlFor="ticket-workspace">{t('portal.workspace')}</label>
              <input
                id="ticket-workspace"
                required
                autoCapitalize="none"
                spellCheck={false}
                value={workspace}
                onChange={(e) => setWorkspace(e.target.value.trim().toLowerCase())}
              />
            </div>
          )}
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
          {workspace && (
            <SuggestedArticles suggestions={suggestions} workspace={workspace} tracker={tracker} />
          )}
          {error !== null && <ProblemAlert error={error} />}
          <button className="primary" type="submit" disabled={busy}>
            {busy ? t('portal.sending') : t('portal.send')}
          </button>
        </form>
      </section>
    </div>
  );

  return (
    <>
      {me && <AppHeader me={me} />}
      <main className="home">{body}</main>
    </>
  );
}
