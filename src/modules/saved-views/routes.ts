/**
 * /api/support/me/views/: the logged-in agent's saved inbox views, kept on the server so they follow the
 * agent from browser to browser. Staff only (customers 403); the views are the caller's own, so another
 * agent's or workspace's ids answer 404.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { staffOf, workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { importViews, listSavedViews, removeView, saveView, type ViewContext } from './save-view.js';
import * as s from './schema.js';

const BASE = '/api/support/me/views/';

/** Registers the saved-view routes. */
export async function savedViewRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const staff = { access: 'staff' } as const;
  const run = <T>(request: FastifyRequest, fn: (ctx: ViewContext) => Promise<T>) => {
    const ws = workspaceOf(request);
    const userId = staffOf(request).userId;
    return inWorkspace(deps.db, ws.id, (tx) => fn({ tx, workspaceId: ws.id, userId, now: deps.now() }));
  };

  app.get(
    BASE,
    {
      config: staff,
      schema: {
        tags: s.TAGS,
        summary: 'My saved inbox views, by name',
        response: { 200: s.savedViewList, ...s.errors },
      },
    },
    async (request) => ({ results: await run(request, listSavedViews) }),
  );

  app.post<{ Body: { name: string; query: string } }>(
    BASE,
    {
      config: staff,
      schema: {
        tags: s.TAGS,
        summary: 'Save an inbox view under a name (a name I already use is replaced)',
        description: `At most ${s.MAX_VIEWS} views per agent (422 RULE_VIOLATION beyond).`,
        body: s.saveViewBody,
        response: { 200: s.savedViewSchema, ...s.errors, ...s.problems422 },
      },
    },
    (request) => run(request, (ctx) => saveView(ctx, request.body)),
  );

  app.post<{ Body: { views: { name: string; query: string }[] } }>(
    `${BASE}import/`,
    {
      config: staff,
      schema: {
        tags: s.TAGS,
        summary: 'Add several views at once (views kept in a browser); names I use already are kept',
        description: `Views beyond ${s.MAX_VIEWS} are left out. Answers all my views.`,
        body: s.importViewsBody,
        response: { 200: s.savedViewList, ...s.errors },
      },
    },
    async (request) => ({ results: await run(request, (ctx) => importViews(ctx, request.body.views)) }),
  );

  app.delete<{ Params: { id: number } }>(
    `${BASE}:id/`,
    {
      config: staff,
      schema: {
        tags: s.TAGS,
        summary: 'Remove one of my saved views',
        params: s.viewParams,
        response: { 204: { type: 'null', description: 'Removed' }, ...s.errors },
      },
    },
    async (request, reply) => {
      await run(request, (ctx) => removeView(ctx, request.params.id));
      return reply.code(204).send();
    },
  );
}
