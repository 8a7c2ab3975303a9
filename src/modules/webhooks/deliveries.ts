/** The delivery log of a subscription, and redelivery of one of its deliveries. */
import type { Tx } from '../../db/tenant.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import './deliver-job.js';
import { presentDelivery, type DeliveryView } from './presenter.js';
import * as repo from './repository.js';

interface Ctx {
  tx: Tx;
  workspaceId: number;
}

/** Newest first; 404 for another workspace's subscription. */
export async function listDeliveries(
  ctx: Ctx,
  subscriptionId: number,
  options: { limit: number; cursor?: string; status?: string },
): Promise<Page<DeliveryView>> {
  if (!(await repo.findSubscription(ctx.tx, ctx.workspaceId, subscriptionId))) throw notFound('webhook');
  const rows = await repo.listDeliveryRows(ctx.tx, ctx.workspaceId, subscriptionId, {
    limit: options.limit,
    cursor: decodeCursor(options.cursor),
    ...(options.status ? { status: options.status } : {}),
  });
  return pageOf(rows, options.limit, (r) => r.id, presentDelivery);
}

/**
 * Sends a finished delivery (succeeded or failed) again, with the same body and a fresh signature, and a
 * new 24 h round of retries; 409 while it is still on its way.
 */
export async function redeliver(
  ctx: Ctx & { jobs: JobQueue; now: Date },
  subscriptionId: number,
  deliveryId: number,
): Promise<DeliveryView> {
  const delivery = await repo.findDelivery(ctx.tx, ctx.workspaceId, deliveryId);
  if (!delivery || delivery.subscription_id !== subscriptionId) throw notFound('delivery');
  if (!(await repo.requeueDelivery(ctx.tx, ctx.workspaceId, deliveryId, ctx.now))) {
    throw new AppError('CONFLICT', 'this delivery is still on its way; it cannot be sent again yet');
  }
  await ctx.jobs.enqueue(ctx.tx, 'webhook.deliver', { workspaceId: ctx.workspaceId, deliveryId });
  const row = await repo.findDelivery(ctx.tx, ctx.workspaceId, deliveryId);
  if (!row) throw notFound('delivery');
  return presentDelivery(row);
}
