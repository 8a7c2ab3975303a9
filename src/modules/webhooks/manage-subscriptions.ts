/** The admin's use cases on webhook subscriptions: create, read, list, update, delete, reveal the secret. */
import { randomBytes } from 'node:crypto';
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import { presentSubscription, type SubscriptionView } from './presenter.js';
import * as repo from './repository.js';
import type { Checked, SubscriptionInput } from './subscription-input.js';

export interface WebhookContext {
  tx: Tx;
  workspaceId: number;
  userId: number;
}

function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

async function mustFind(
  ctx: Pick<WebhookContext, 'tx' | 'workspaceId'>,
  id: number,
): Promise<repo.Subscription> {
  const row = await repo.findSubscription(ctx.tx, ctx.workspaceId, id);
  if (!row) throw notFound('webhook');
  return row;
}

/** Creates a subscription (input checked by checkSubscriptionInput); the answer carries its new secret. */
export async function createSubscription(
  ctx: WebhookContext,
  input: Checked<SubscriptionInput & { url: string; event_types: string[] }>,
): Promise<SubscriptionView & { secret: string }> {
  const row = await repo.insertSubscription(ctx.tx, {
    workspace_id: ctx.workspaceId,
    url: input.url,
    description: input.description?.trim() ?? '',
    secret: newSecret(),
    event_types: input.event_types,
    include_internal: input.include_internal ?? false,
    is_active: input.is_active ?? true,
    created_by_id: ctx.userId,
  });
  return { ...presentSubscription(row), secret: row.secret };
}

export async function getSubscription(
  ctx: Pick<WebhookContext, 'tx' | 'workspaceId'>,
  id: number,
): Promise<SubscriptionView> {
  return presentSubscription(await mustFind(ctx, id));
}

export async function getSubscriptionSecret(
  ctx: Pick<WebhookContext, 'tx' | 'workspaceId'>,
  id: number,
): Promise<{ secret: string }> {
  return { secret: (await mustFind(ctx, id)).secret };
}

export async function listSubscriptions(
  ctx: Pick<WebhookContext, 'tx' | 'workspaceId'>,
  options: { limit: number; cursor?: string },
): Promise<Page<SubscriptionView>> {
  const rows = await repo.listSubscriptionRows(ctx.tx, ctx.workspaceId, {
    limit: options.limit,
    cursor: decodeCursor(options.cursor),
  });
  return pageOf(rows, options.limit, (r) => r.id, presentSubscription);
}

/** Changes a subscription (omitted = unchanged; a new URL was checked by checkSubscriptionInput). */
export async function updateSubscription(
  ctx: WebhookContext,
  id: number,
  input: Checked<SubscriptionInput & { rotate_secret?: boolean }>,
): Promise<SubscriptionView> {
  await mustFind(ctx, id);
  await repo.updateSubscriptionRow(ctx.tx, ctx.workspaceId, id, {
    ...(input.url !== undefined ? { url: input.url } : {}),
    ...(input.description !== undefined ? { description: input.description.trim() } : {}),
    ...(input.event_types !== undefined ? { event_types: input.event_types } : {}),
    ...(input.include_internal !== undefined ? { include_internal: input.include_internal } : {}),
    ...(input.is_active !== undefined ? { is_active: input.is_active } : {}),
    ...(input.rotate_secret ? { secret: newSecret() } : {}),
  });
  return getSubscription(ctx, id);
}

/** Deletes a subscription and its delivery log. */
export async function deleteSubscription(
  ctx: Pick<WebhookContext, 'tx' | 'workspaceId'>,
  id: number,
): Promise<void> {
  if (!(await repo.deleteSubscriptionRow(ctx.tx, ctx.workspaceId, id))) throw notFound('webhook');
}
