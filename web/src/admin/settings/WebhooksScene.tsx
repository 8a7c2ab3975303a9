/**
 * Outbound webhooks: the subscriptions (URL, event types, active), a form for a new one, and each one's
 * delivery log with redelivery. The secret is shown once, when the subscription is created.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { Body } from '../../api/types';
import { Splash } from '../../guards';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useAdminMutation, useDeliveries, useWebhooks, type AdminWebhook } from '../api';
import { MutationStatus } from '../MutationStatus';

type EventType = Body<'/api/support/admin/webhooks/', 'post'>['event_types'][number];
/** The catalogue as the API lists it; the check below fails the typecheck when the API gains a type. */
const EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'ticket.status_changed',
  'ticket.assigned',
  'ticket.escalated',
  'ticket.tagged',
  'ticket.rated',
  'message.created',
  'sla.warning',
  'sla.breached',
  'kb.article.published',
  'channel.reply',
] as const satisfies readonly EventType[];
type Unlisted = Exclude<EventType, (typeof EVENT_TYPES)[number] | '*'>;
const everyTypeListed: [Unlisted] extends [never] ? true : never = true;
void everyTypeListed;

function Deliveries({ webhook }: { webhook: AdminWebhook }) {
  const { t, i18n } = useTranslation();
  const deliveries = useDeliveries(webhook.id);
  const redeliver = useAdminMutation((deliveryId: number) =>
    unwrap(
      api.http.POST('/api/support/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver/', {
        params: { path: { id: webhook.id, deliveryId } },
      }),
    ),
  );
  if (deliveries.error) return <ProblemAlert error={deliveries.error} />;
  const rows = deliveries.data?.results ?? [];
  if (rows.length === 0) return <p className="muted small">{t('admin.webhooks.noDeliveries')}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t('admin.webhooks.log', { url: webhook.url })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.webhooks.event')}</th>
            <th scope="col">{t('admin.webhooks.status')}</th>
            <th scope="col">{t('admin.webhooks.attempts')}</th>
            <th scope="col">{t('admin.webhooks.response')}</th>
            <th scope="col">{t('admin.webhooks.when')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('admin.webhooks.redeliver')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              <td>{d.event_type}</td>
              <td>{d.status}</td>
              <td>{d.attempts}</td>
              <td>{d.response_code ?? d.last_error ?? ''}</td>
              <td>{new Date(d.created_at).toLocaleString(i18n.language)}</td>
              <td>
                <button type="button" className="secondary small" onClick={() => redeliver.mutate(d.id)}>
                  {t('admin.webhooks.redeliver')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {redeliver.error ? <ProblemAlert error={redeliver.error} /> : null}
    </div>
  );
}

function NewWebhook() {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState<EventType[]>(['ticket.created']);
  const create = useAdminMutation(() =>
    unwrap(api.http.POST('/api/support/admin/webhooks/', { body: { url, event_types: types } })),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(undefined, { onSuccess: () => setUrl('') });
  };
  const toggle = (type: EventType) =>
    setTypes(types.includes(type) ? types.filter((x) => x !== type) : [...types, type]);
  return (
    <form className="admin-section" onSubmit={onSubmit} aria-labelledby="wh-new">
      <h2 id="wh-new">{t('admin.webhooks.add')}</h2>
      <label className="field">
        {t('admin.webhooks.url')}
        <input
          type="url"
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://"
        />
      </label>
      <fieldset className="row">
        <legend>{t('admin.webhooks.events')}</legend>
        {(['*', ...EVENT_TYPES] as const).map((type) => (
          <label key={type} className="check-field">
            <input type="checkbox" checked={types.includes(type)} onChange={() => toggle(type)} />
            {type === '*' ? t('admin.webhooks.all') : type}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <button type="submit" className="primary" disabled={create.isPending || types.length === 0}>
          {t('admin.create')}
        </button>
      </div>
      {create.data && (
        <p role="status">
          {t('admin.webhooks.secret')} <code>{create.data.secret}</code>
        </p>
      )}
      <MutationStatus error={create.error} saved={false} />
    </form>
  );
}

export default function WebhooksScene() {
  const { t } = useTranslation();
  const webhooks = useWebhooks();
  const toggle = useAdminMutation((w: AdminWebhook) =>
    unwrap(
      api.http.PATCH('/api/support/admin/webhooks/{id}/', {
        params: { path: { id: w.id } },
        body: { is_active: !w.is_active },
      }),
    ),
  );
  if (webhooks.error) return <ProblemAlert error={webhooks.error} />;
  if (!webhooks.data) return <Splash />;
  return (
    <section className="admin-page" aria-labelledby="wh-title">
      <h1 id="wh-title">{t('admin.webhooks.title')}</h1>
      {(webhooks.data.results ?? []).map((w) => (
        <div key={w.id} className="admin-section">
          <h2>{w.url}</h2>
          <p className="muted small">{w.event_types.join(', ')}</p>
          <div className="row">
            <span className="status-chip">{w.is_active ? t('admin.active') : t('admin.inactive')}</span>
            <button type="button" className="secondary small" onClick={() => toggle.mutate(w)}>
              {w.is_active ? t('admin.webhooks.pause') : t('admin.webhooks.resume')}
            </button>
          </div>
          <Deliveries webhook={w} />
        </div>
      ))}
      {toggle.error ? <ProblemAlert error={toggle.error} /> : null}
      <NewWebhook />
    </section>
  );
}
