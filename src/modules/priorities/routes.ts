/** Admin CRUD of ticket priorities under /api/support/admin/priorities/. Staff read, admins write. */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { DEFAULT_LIMIT } from '../../platform/pagination.js';
import { createPriority, type PriorityInput } from './create-priority.js';
import { deletePriority } from './delete-priority.js';
import { getPriority, listPriorities } from './list-priorities.js';
import * as s from './schema.js';
import { updatePriority } from './update-priority.js';

type Params = { id: string };
const BASE = '/api/support/admin/priorities/';
const tags = ['admin: priorities'];

/** Registers the priority admin routes. */
export async function priorityRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;

  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    BASE,
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Ticket priorities in display order (order, id)',
        querystring: s.listPrioritiesQuery,
        response: { 200: s.priorityPageSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const { limit, cursor } = request.query;
      return inWorkspace(deps.db, ws.id, (tx) =>
        listPriorities(tx, ws.id, { limit: limit ?? DEFAULT_LIMIT, ...(cursor ? { cursor } : {}) }),
      );
    },
  );

  app.post<{ Body: PriorityInput & { code: string; name: string } }>(
    BASE,
    {
      config: { access: 'admin', idempotent: true },
      schema: {
        tags,
        summary: 'Create a priority (code unique per workspace → 409; colour #rrggbb; hours > 0)',
        body: s.createPriorityBody,
        response: { 201: s.prioritySchema },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const view = await inWorkspace(deps.db, ws.id, async (tx) => {
        const p = await createPriority({ tx, workspaceId: ws.id }, request.body);
        return getPriority(tx, ws.id, p.id);
      });
      return reply.status(201).send(view);
    },
  );

  app.get<{ Params: Params }>(
    `${BASE}:id/`,
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'One priority',
        params: s.priorityParams,
        response: { 200: s.prioritySchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, (tx) => getPriority(tx, ws.id, request.params.id));
    },
  );

  app.patch<{ Params: Params; Body: PriorityInput }>(
    `${BASE}:id/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change a priority (omitted = unchanged; the code is immutable)',
        params: s.priorityParams,
        body: s.updatePriorityBody,
        response: { 200: s.prioritySchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, async (tx) => {
        const p = await updatePriority({ tx, workspaceId: ws.id }, request.params.id, request.body);
        return getPriority(tx, ws.id, p.id);
      });
    },
  );

  app.delete<{ Params: Params }>(
    `${BASE}:id/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete a priority',
        description:
          'Protected (PROTECT in the seed): 409 STILL_REFERENCED while tickets use it ("N tickets use this ' +
          'priority; move them first"), while categories default to its code, or when it is the ' +
          'workspace’s default priority. Nothing is deleted then.',
        params: s.priorityParams,
        response: { 204: { type: 'null', description: 'Deleted' } },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      await inWorkspace(deps.db, ws.id, (tx) =>
        deletePriority({ tx, workspaceId: ws.id }, request.params.id),
      );
      return reply.status(204).send();
    },
  );
}
