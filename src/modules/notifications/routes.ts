/**
 * /api/support/notifications/: the logged-in staff member's own notifications and preferences. Staff only
 * (customers 403); everything is the caller's own, so another user's or workspace's ids answer 404.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { staffOf, workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { DEFAULT_LIMIT } from '../../platform/pagination.js';
import {
  countUnread,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type InboxContext,
} from './inbox.js';
import type { Channels, NotificationKind } from './kinds.js';
import { preferencesOf, setPreferences } from './preferences.js';
import * as s from './schema.js';

const BASE = '/api/support/notifications/';

export async function notificationRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const staff = { access: 'staff' } as const;
  const run = <T>(request: FastifyRequest, fn: (ctx: InboxContext) => Promise<T>) => {
    const ws = workspaceOf(request);
    const userId = staffOf(request).userId;
    return inWorkspace(deps.db, ws.id, (tx) => fn({ tx, workspaceId: ws.id, userId }));
  };

  app.get<{ Querystring: { limit?: number; cursor?: string; unread?: boolean } }>(
    BASE,
    {
      config: staff,
      schema: {
        tags: s.TAGS,
        summary: 'My notifications, newest first',
        querystring: s.listQuery,
        response: { 200: s.notificationPage },
      },
    },
    (request) =>
      run(request, (ctx) =>
        listNotifications(ctx, {
          limit: request.query.limit ?? DEFAULT_LIMIT,
          unreadOnly: request.query.unread === true,
          ...(request.query.cursor ? { cursor: request.query.cursor } : {}),
        }),
      ),
  );

  app.get(
    `${BASE}unread-count/`,
    {
      config: staff,
      schema: {
        tags: s.TAGS,
        summary: 'How many of my notifications are unread',
        response: { 200: s.unreadSchema },
      },
    },
    (request) => run(request, countUnread),
  );

  app.post<{ Params: { id: number } }>(
    `${BASE}:id/read/`,
    {
      config: staff,
      schema: {
        tags: s.TAGS,
        summary: 'Mark one of my notifications read',
        params: s.idParams,
        response: { 200: s.notificationSchema },
      },
    },
    (request) => run(request, (ctx) => markNotificationRead(ctx, request.params.id, deps.now())),
  );

  app.post(
    `${BASE}read-all/`,
    {
      config: staff,
      schema: { tags: s.TAGS, summary: 'Mark all my notifications read', response: { 200: s.markAllSchema } },
    },
    (request) => run(request, (ctx) => markAllNotificationsRead(ctx, deps.now())),
  );

  app.get(
    `${BASE}preferences/`,
    {
      config: staff,
      schema: {
        tags: s.TAGS,
        summary: 'My notification preferences',
        response: { 200: s.preferencesSchema },
      },
    },
    (request) => run(request, (ctx) => preferencesOf(ctx.tx, ctx.workspaceId, ctx.userId)),
  );

  app.patch<{ Body: Partial<Record<NotificationKind, Partial<Channels>>> }>(
    `${BASE}preferences/`,
    {
      config: staff,
      schema: {
        tags: s.TAGS,
        summary: 'Change my notification preferences',
        body: s.preferencesBody,
        response: { 200: s.preferencesSchema },
      },
    },
    (request) => run(request, (ctx) => setPreferences(ctx.tx, ctx.workspaceId, ctx.userId, request.body)),
  );
}
