/**
 * The webhooks subscriber: for each committed catalogue event, one delivery per active subscription that
 * takes its type, and a `webhook.deliver` job for it, in one transaction. Idempotent: a repeated event
 * finds its deliveries (unique per subscription and event) and queues nothing new. Internal notes go only
 * to subscriptions with include_internal.
 */
import type { Database } from '../../db/client.js';
import { inWorkspace } from '../../db/tenant.js';
import type { Tx } from '../../db/tenant.js';
import {
  eventsByWorkspace,
  type EventSubscriber,
  type StoredEvent,
} from '../../platform/events/subscriber.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { WEBHOOK_EVENT_TYPES } from './catalogue.js';
import './deliver-job.js';
import { buildWebhookBody, isInternalEvent, ticketIdOf } from './payload.js';
import * as repo from './repository.js';

export interface WebhookSubscriberDeps {
  db: Database;
  jobs: JobQueue;
}

/** Records the deliveries of one event and queues their jobs; returns the new deliveries' ids. */
export async function fanOutToWebhooks(deps: WebhookSubscriberDeps, event: StoredEvent): Promise<number[]> {
  return inWorkspace(deps.db, event.workspaceId, (tx) => fanOut(deps, tx, event));
}

async function fanOut(deps: WebhookSubscriberDeps, tx: Tx, event: StoredEvent): Promise<number[]> {
  let subscriptions = await repo.subscriptionsFor(tx, event.workspaceId, event.type, event.createdAt);
  if (subscriptions.length === 0) return [];
  if (await isInternalEvent(tx, event)) subscriptions = subscriptions.filter((s) => s.include_internal);
  if (subscriptions.length === 0) return [];
  const body = await buildWebhookBody(tx, event);
  const ticketId = ticketIdOf(event);
  const ids = await repo.insertDeliveries(
    tx,
    subscriptions.map((s) => ({
      workspace_id: event.workspaceId,
      subscription_id: s.id,
      event_id: event.id,
      event_type: event.type,
      order_key: ticketId !== null ? `ticket:${ticketId}` : null,
      body,
    })),
  );
  for (const deliveryId of ids) {
    await deps.jobs.enqueue(tx, 'webhook.deliver', { workspaceId: event.workspaceId, deliveryId });
  }
  return ids;
}

/** The subscriber the dispatcher runs for outbound webhooks. */
export function webhookSubscriber(deps: WebhookSubscriberDeps): EventSubscriber {
  return {
    name: 'webhooks',
    types: WEBHOOK_EVENT_TYPES,
    async handle(event) {
      await fanOutToWebhooks(deps, event);
    },
    // One transaction per workspace; a workspace without subscriptions costs one statement per batch.
    async handleBatch(events) {
      for (const [workspaceId, list] of eventsByWorkspace(events)) {
        const latest = list.reduce((at, e) => (e.createdAt > at ? e.createdAt : at), new Date(0));
        await inWorkspace(deps.db, workspaceId, async (tx) => {
          if (!(await repo.anySubscriptionBefore(tx, workspaceId, latest))) return;
          for (const event of list) await fanOut(deps, tx, event);
        });
      }
    },
  };
}
