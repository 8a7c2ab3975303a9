/** The logged-in staff member's notifications: a page (newest first), the unread count, marking read. */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import { presentNotification, type NotificationView } from './presenter.js';
import * as repo from './repository.js';

export interface InboxContext {
  tx: Tx;
  workspaceId: number;
  userId: number;
}

export async function listNotifications(
  ctx: InboxContext,
  options: { limit: number; cursor?: string; unreadOnly: boolean },
): Promise<Page<NotificationView>> {
  const cursor = decodeCursor(options.cursor);
  const rows = await repo.inbox(ctx.tx, ctx.workspaceId, ctx.userId, {
    limit: options.limit,
    beforeId: cursor?.id ?? null,
    unreadOnly: options.unreadOnly,
  });
  return pageOf(rows, options.limit, (r) => r.id, presentNotification);
}

export async function countUnread(ctx: InboxContext): Promise<{ unread: number }> {
  return { unread: await repo.unreadCount(ctx.tx, ctx.workspaceId, ctx.userId) };
}

/** 404 for someone else's notification (another user's or another workspace's). */
export async function markNotificationRead(
  ctx: InboxContext,
  id: number,
  now: Date,
): Promise<NotificationView> {
  const row = await repo.markRead(ctx.tx, ctx.workspaceId, ctx.userId, id, now);
  if (!row) throw notFound('notification');
  return presentNotification(row);
}

export async function markAllNotificationsRead(ctx: InboxContext, now: Date): Promise<{ updated: number }> {
  return { updated: await repo.markAllRead(ctx.tx, ctx.workspaceId, ctx.userId, now) };
}
