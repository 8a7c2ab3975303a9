/** SQL of webhook subscriptions and deliveries; takes the transaction explicitly, no rules here. */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { Cursor } from '../../platform/pagination.js';

type SubscriptionRow = DB['webhook_subscriptions'];
export type Subscription = Selectable<SubscriptionRow>;
export type Delivery = Selectable<DB['webhook_deliveries']>;

export function findSubscription(tx: Tx, workspaceId: number, id: number): Promise<Subscription | undefined> {
  return tx
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listSubscriptionRows(
  tx: Tx,
  workspaceId: number,
  options: { limit: number; cursor: Cursor | null },
) {
  let q = tx.selectFrom('webhook_subscriptions').selectAll().where('workspace_id', '=', workspaceId);
  if (options.cursor) q = q.where('id', '>', options.cursor.id);
  return q
    .orderBy('id')
    .limit(options.limit + 1)
    .execute();
}

export function insertSubscription(tx: Tx, values: Insertable<SubscriptionRow>) {
  return tx.insertInto('webhook_subscriptions').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateSubscriptionRow(
  tx: Tx,
  workspaceId: number,
  id: number,
  values: Updateable<SubscriptionRow>,
): Promise<void> {
  await tx
    .updateTable('webhook_subscriptions')
    .set({ ...values, updated_at: sql<Date>`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteSubscriptionRow(tx: Tx, workspaceId: number, id: number): Promise<boolean> {
  const r = await tx
    .deleteFrom('webhook_subscriptions')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** Active subscriptions that take `type` and existed when the event happened. */
export function subscriptionsFor(tx: Tx, workspaceId: number, type: string, at: Date) {
  return tx
    .selectFrom('webhook_subscriptions')
    .select(['id', 'include_internal'])
    .where('workspace_id', '=', workspaceId)
    .where('is_active', '=', true)
    .where('created_at', '<=', at)
    .where((eb) => eb.or([sql<boolean>`${type} = ANY(event_types)`, sql<boolean>`'*' = ANY(event_types)`]))
    .orderBy('id')
    .execute();
}

/** Whether the workspace has an active subscription created at or before `at` (of any event type). */
export async function anySubscriptionBefore(tx: Tx, workspaceId: number, at: Date): Promise<boolean> {
  const row = await tx
    .selectFrom('webhook_subscriptions')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('is_active', '=', true)
    .where('created_at', '<=', at)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts the deliveries not recorded yet; returns the ids of the new ones. */
export async function insertDeliveries(
  tx: Tx,
  rows: Insertable<DB['webhook_deliveries']>[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insertInto('webhook_deliveries')
    .values(rows)
    .onConflict((oc) => oc.columns(['workspace_id', 'subscription_id', 'event_id']).doNothing())
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

export function findDelivery(tx: Tx, workspaceId: number, id: number): Promise<Delivery | undefined> {
  return tx
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listDeliveryRows(
  tx: Tx,
  workspaceId: number,
  subscriptionId: number,
  options: { limit: number; cursor: Cursor | null; status?: string },
) {
  let q = tx
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('subscription_id', '=', subscriptionId);
  if (options.status) q = q.where('status', '=', options.status as 'pending');
  if (options.cursor) q = q.where('id', '<', options.cursor.id);
  return q
    .orderBy('id', 'desc')
    .limit(options.limit + 1)
    .execute();
}

/** The next waiting delivery of the chain after `delivery`, if any. */
export async function nextInChain(tx: Tx, delivery: Delivery): Promise<number | null> {
  if (delivery.order_key === null) return null;
  const row = await tx
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('workspace_id', '=', delivery.workspace_id)
    .where('subscription_id', '=', delivery.subscription_id)
    .where('order_key', '=', delivery.order_key)
    .where('status', '=', 'pending')
    .where('id', '>', delivery.id)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Takes a due pending delivery for an attempt (or one whose attempt was interrupted over `staleMinutes`
 * ago: its process died), in one statement; null if it is not due, finished, being attempted, or waits
 * behind an unfinished older delivery of the same subscription and order key (that one hands over).
 */
export function claimDelivery(
  tx: Tx,
  workspaceId: number,
  id: number,
  now: Date,
  staleMinutes: number,
): Promise<Delivery | undefined> {
  return tx
    .updateTable('webhook_deliveries as d')
    .set((eb) => ({ status: 'delivering', attempts: eb('d.attempts', '+', 1), claimed_at: now }))
    .where('d.workspace_id', '=', workspaceId)
    .where('d.id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('d.status', '=', 'pending'), eb('d.next_attempt_at', '<=', now)]),
        eb.and([
          eb('d.status', '=', 'delivering'),
          eb('d.claimed_at', '<', new Date(now.getTime() - staleMinutes * 60_000)),
        ]),
      ]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('webhook_deliveries as e')
            .select('e.id')
            .whereRef('e.workspace_id', '=', 'd.workspace_id')
            .whereRef('e.subscription_id', '=', 'd.subscription_id')
            .whereRef('e.order_key', '=', 'd.order_key')
            .whereRef('e.id', '<', 'd.id')
            .where('e.status', 'in', ['pending', 'delivering']),
        ),
      ),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function recordAttempt(
  tx: Tx,
  workspaceId: number,
  id: number,
  values: Updateable<DB['webhook_deliveries']>,
): Promise<void> {
  await tx
    .updateTable('webhook_deliveries')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Puts a finished delivery back in the queue for a new round of attempts; false if it is unfinished. */
export async function requeueDelivery(tx: Tx, workspaceId: number, id: number, now: Date): Promise<boolean> {
  const r = await tx
    .updateTable('webhook_deliveries')
    .set({
      status: 'pending',
      next_attempt_at: now,
      give_up_at: new Date(now.getTime() + 24 * 3600_000),
      claimed_at: null,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('status', 'in', ['succeeded', 'failed'])
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
