/** Admin CRUD of ticket priorities under /api/support/admin/priorities/. Staff read, admins write. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { registerCrudRoutes } from '../../platform/http/crud-routes.js';
import { createPriority, type PriorityInput } from './create-priority.js';
import { deletePriority } from './delete-priority.js';
import { getPriority, listPriorities } from './list-priorities.js';
import * as s from './schema.js';
import { updatePriority } from './update-priority.js';

/** Registers the priority admin routes. */
export async function priorityRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  registerCrudRoutes<unknown, string, PriorityInput & { code: string; name: string }, PriorityInput, object>(
    app,
    opts.deps,
    {
      base: '/api/support/admin/priorities/',
      tag: 'admin: priorities',
      schemas: {
        listQuery: s.listPrioritiesQuery,
        page: s.priorityPageSchema,
        view: s.prioritySchema,
        params: s.priorityParams,
        createBody: s.createPriorityBody,
        updateBody: s.updatePriorityBody,
      },
      docs: {
        list: 'Ticket priorities in display order (order, id)',
        create: 'Create a priority (code unique per workspace → 409; colour #rrggbb; hours > 0)',
        get: 'One priority',
        update: 'Change a priority (omitted = unchanged; the code is immutable)',
        remove: 'Delete a priority',
        removeDescription:
          'Protected (PROTECT in the seed): 409 STILL_REFERENCED while tickets use it ("N tickets use this ' +
          'priority; move them first"), while categories default to its code, or when it is the ' +
          'workspace’s default priority. Nothing is deleted then.',
      },
      list: (ctx, q) => listPriorities(ctx.tx, ctx.workspaceId, q),
      get: (ctx, id) => getPriority(ctx.tx, ctx.workspaceId, id),
      create: async (ctx, body) => (await createPriority(ctx, body)).id,
      update: async (ctx, id, body) => (await updatePriority(ctx, id, body)).id,
      remove: (ctx, id) => deletePriority(ctx, id),
    },
  );
}
