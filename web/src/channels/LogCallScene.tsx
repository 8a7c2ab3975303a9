/** /desk/calls/new: log a call — a new phone ticket, or a note on a ticket (?ticket=NUMBER). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { routes } from '../routes';

const OUTCOMES = ['answered', 'no_answer', 'busy', 'voicemail', 'missed', 'callback_requested'] as const;

export default function LogCallScene() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [logged, setLogged] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const v = form.get(name);
      return typeof v === 'string' ? v.trim() : '';
    };
    setBusy(true);
    setError(null);
    try {
      const answer = await unwrap(
        api.http.POST('/api/support/phone/calls/', {
          body: {
            phone: text('phone'),
            direction: text('direction') === 'outbound' ? 'outbound' : 'inbound',
            outcome: text('outcome') as (typeof OUTCOMES)[number],
            ...(text('duration') ? { duration_seconds: Number(text('duration')) } : {}),
            ...(text('notes') ? { notes: text('notes') } : {}),
            ...(text('ticket') ? { ticket: text('ticket') } : {}),
            ...(text('customer') ? { customer: text('customer') } : {}),
            ...(text('subject') ? { subject: text('subject') } : {}),
          },
        }),
      );
      setLogged(answer.ticket?.ticket_number ?? '');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="log-call-title">
      <h1 id="log-call-title">{t('channels.logCall')}</h1>
      {logged !== null && (
        <p role="status">
          <Link to={routes.deskTicket(logged)}>{t('channels.logged', { number: logged })}</Link>
        </p>
      )}
      <ProblemAlert error={error} />
      <form className="stack" onSubmit={(e) => void onSubmit(e)}>
        <div className="field">
          <label htmlFor="lc-phone">{t('channels.phone')}</label>
          <input id="lc-phone" name="phone" type="tel" required autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="lc-direction">{t('channels.direction')}</label>
          <select id="lc-direction" name="direction" defaultValue="inbound">
            <option value="inbound">{t('channels.inbound')}</option>
            <option value="outbound">{t('channels.outbound')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="lc-outcome">{t('channels.outcome')}</label>
          <select id="lc-outcome" name="outcome" defaultValue="answered">
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`channels.outcomes.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lc-duration">{t('channels.duration')}</label>
          <input id="lc-duration" name="duration" type="number" min={0} max={86400} />
        </div>
        <div className="field">
          <label htmlFor="lc-ticket">{t('channels.onTicket')}</label>
          <input id="lc-ticket" name="ticket" defaultValue={params.get('ticket') ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="lc-customer">{t('channels.customer')}</label>
          <input id="lc-customer" name="customer" type="email" />
        </div>
        <div className="field">
          <label htmlFor="lc-subject">{t('channels.subject')}</label>
          <input id="lc-subject" name="subject" />
        </div>
        <div className="field">
          <label htmlFor="lc-notes">{t('channels.notes')}</label>
          <textarea id="lc-notes" name="notes" rows={4} />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('channels.saving') : t('channels.save')}
        </button>
      </form>
    </section>
  );
}
