/** Admin CRUD of ticket categories under /api/support/admin/categories/. Staff read, admins write. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { registerCrudRoutes } from '../../platform/http/crud-routes.js';
import type { CategoryInput } from './category-input.js';
import { createCategory } from './create-category.js';
import { deleteCategory } from './delete-category.js';
import { getCategory, listCategories } from './list-categories.js';
import * as s from './schema.js';
import { updateCategory } from './update-category.js';

/** Registers the category admin routes. */
export async function categoryRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  registerCrudRoutes<
    unknown,
    string,
    CategoryInput & { name: string },
    CategoryInput,
    { parent?: string; root?: boolean }
  >(app, opts.deps, {
    base: '/api/support/admin/categories/',
    tag: 'admin: categories',
    schemas: {
      listQuery: s.listCategoriesQuery,
      page: s.categoryPageSchema,
      view: s.categorySchema,
      params: s.categoryParams,
      createBody: s.createCategoryBody,
      updateBody: s.updateCategoryBody,
    },
    docs: {
      list: 'Ticket categories, flat with their parent, in (order, id) order',
      listDescription: 'Use `root=true` for the top level or `parent=<id|slug>` for one level of the tree.',
      create: 'Create a category (slug from the name when omitted; unique per workspace → 409)',
      createDescription:
        'Routing of new tickets: `team` hands them to a team, whose assignment_mode picks the agent or ' +
        'keeps them in its queue; an explicit `default_assignee` wins over the team’s automation (the ' +
        'ticket goes to that person, in the category’s team, whatever their availability or load).',
      get: 'One category',
      update: 'Change a category (omitted = unchanged; null clears parent, default_assignee, sla, team)',
      updateDescription: 'Moving a category under itself or one of its descendants is refused with 422.',
      remove: 'Delete a category',
      removeDescription:
        'Deletes the category **and all its sub-categories** (CASCADE, as in the seed). Tickets in any ' +
        'of them are kept with `category: null` (SET NULL); templates lose the link.',
    },
    list: (ctx, q) => listCategories(ctx.tx, ctx.workspaceId, q),
    get: (ctx, id) => getCategory(ctx.tx, ctx.workspaceId, id),
    create: (ctx, body) => createCategory(ctx, body),
    update: (ctx, id, body) => updateCategory({ ...ctx, jobs: opts.deps.jobs }, id, body),
    remove: (ctx, id) => deleteCategory(ctx, id),
  });
}
