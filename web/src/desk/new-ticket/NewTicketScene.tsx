/**
 * /desk/tickets/new: staff open a ticket on behalf of a customer (by phone, email, chat, at the desk),
 * with the order and consignment it is about when the customer names them.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { CreateTicketInput } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { routes } from '../../routes';
import { PropertySelect } from '../PropertySelect';

const CHANNELS = ['phone', 'email', 'chat', 'web'] as const;

export default function NewTicketScene() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    const input: CreateTicketInput = {
      subject: text('subject'),
      description: text('description'),
      customer: text('customer'),
      channel: text('channel') as (typeof CHANNELS)[number],
      ...(text('category') ? { category: text('category') } : {}),
      ...(text('priority') ? { priority: text('priority') } : {}),
      ...(text('phone') ? { source_phone: text('phone') } : {}),
      ...(text('order') ? { order: text('order') } : {}),
      ...(text('consignment') ? { consignment: text('consignment') } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      const created = await api.createTicket(input);
      void navigate(routes.deskTicket(created.ticket_number ?? ''));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card new-ticket" aria-labelledby="new-ticket-title">
      <h1 id="new-ticket-title">{t('newTicket.title')}</h1>
      <form className="stack" onSubmit={(e) => void onSubmit(e)}>
        <div className="field">
          <label htmlFor="nt-customer">{t('newTicket.customer')}</label>
          <input id="nt-customer" name="customer" type="email" required autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="nt-channel">{t('newTicket.channel')}</label>
          <select id="nt-channel" name="channel" defaultValue="phone">
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="nt-phone">{t('newTicket.phone')}</label>
          <input id="nt-phone" name="phone" type="tel" />
        </div>
        <div className="field">
          <label htmlFor="nt-subject">{t('newTicket.subject')}</label>
          <input id="nt-subject" name="subject" required maxLength={255} />
        </div>
        <div className="field">
          <label htmlFor="nt-description">{t('newTicket.description')}</label>
          <textarea id="nt-description" name="description" required rows={6} />
        </div>
        <div className="field">
          <label htmlFor="nt-order">{t('ticket.order')}</label>
          <input id="nt-order" name="order" maxLength={100} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="nt-consignment">{t('ticket.consignment')}</label>
          <input id="nt-consignment" name="consignment" maxLength={100} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="nt-category">{t('newTicket.category')}</label>
          <PropertySelect
            kind="category"
            id="nt-category"
            name="category"
            defaultValue=""
            none={t('ticket.noCategory')}
          />
        </div>
        <div className="field">
          <label htmlFor="nt-priority">{t('newTicket.priority')}</label>
          <PropertySelect kind="priority" id="nt-priority" name="priority" defaultValue="" none="—" />
        </div>
        {error !== null && <ProblemAlert error={error} />}
        <button type="submit" className="primary" disabled={busy}>
          {t('newTicket.create')}
        </button>
      </form>
    </section>
  );
}
