/** Admin CRUD of ticket categories under /api/support/admin/categories/. Staff read, admins write. */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { DEFAULT_LIMIT } from '../../platform/pagination.js';
import type { CategoryInput } from './category-input.js';
import { createCategory } from './create-category.js';
import { deleteCategory } from './delete-category.js';
import { getCategory, listCategories } from './list-categories.js';
import * as s from './schema.js';
import { updateCategory } from './update-category.js';

interface ListQuery {
  parent?: string;
  root?: boolean;
  limit?: number;
  cursor?: string;
}
type Params = { id: string };

const BASE = '/api/support/admin/categories/';
const tags = ['admin: categories'];

/** Registers the category admin routes. */
export async function categoryRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;

  app.get<{ Querystring: ListQuery }>(
    BASE,
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Ticket categories, flat with their parent, in (order, id) order',
        description: 'Use `root=true` for the top level or `parent=<id|slug>` for one level of the tree.',
        querystring: s.listCategoriesQuery,
        response: { 200: s.categoryPageSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const { parent, root, limit, cursor } = request.query;
      return inWorkspace(deps.db, ws.id, (tx) =>
        listCategories(tx, ws.id, {
          ...(parent !== undefined ? { parent } : {}),
          ...(root !== undefined ? { root } : {}),
          limit: limit ?? DEFAULT_LIMIT,
          ...(cursor ? { cursor } : {}),
        }),
      );
    },
  );

  app.post<{ Body: CategoryInput & { name: string } }>(
    BASE,
    {
      config: { access: 'admin', idempotent: true },
      schema: {
        tags,
        summary: 'Create a category (slug from the name when omitted; unique per workspace → 409)',
        body: s.createCategoryBody,
        response: { 201: s.categorySchema },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const view = await inWorkspace(deps.db, ws.id, async (tx) => {
        const id = await createCategory({ tx, workspaceId: ws.id }, request.body);
        return getCategory(tx, ws.id, id);
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
        summary: 'One category',
        params: s.categoryParams,
        response: { 200: s.categorySchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, (tx) => getCategory(tx, ws.id, request.params.id));
    },
  );

  app.patch<{ Params: Params; Body: CategoryInput }>(
    `${BASE}:id/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change a category (omitted = unchanged; null clears parent, default_assignee, sla)',
        description: 'Moving a category under itself or one of its descendants is refused with 422.',
        params: s.categoryParams,
        body: s.updateCategoryBody,
        response: { 200: s.categorySchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, async (tx) => {
        const id = await updateCategory({ tx, workspaceId: ws.id }, request.params.id, request.body);
        return getCategory(tx, ws.id, id);
      });
    },
  );

  app.delete<{ Params: Params }>(
    `${BASE}:id/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete a category',
        description:
          'Deletes the category **and all its sub-categories** (CASCADE, as in the seed). Tickets in any ' +
          'of them are kept with `category: null` (SET NULL); templates lose the link.',
        params: s.categoryParams,
        response: { 204: { type: 'null', description: 'Deleted' } },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      await inWorkspace(deps.db, ws.id, (tx) =>
        deleteCategory({ tx, workspaceId: ws.id }, request.params.id),
      );
      return reply.status(204).send();
    },
  );
}
