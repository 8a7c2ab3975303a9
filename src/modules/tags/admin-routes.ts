/** Admin CRUD of tags under /api/support/admin/tags/. Staff read, admins write. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { registerCrudRoutes } from '../../platform/http/crud-routes.js';
import { createTag, type TagAdminInput } from './create-tag.js';
import { deleteTag } from './delete-tag.js';
import { getTag, listTags } from './list-tags.js';
import * as s from './tag-schema.js';
import { updateTag } from './update-tag.js';

/** Registers the tag admin routes on `app` (called from tagRoutes). */
export function tagAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerCrudRoutes<unknown, string, TagAdminInput & { name: string }, TagAdminInput, object>(app, deps, {
    base: '/api/support/admin/tags/',
    tag: 'admin: tags',
    schemas: {
      listQuery: s.listTagsQuery,
      page: s.tagPageSchema,
      view: s.tagSchema,
      params: s.tagParams,
      createBody: s.createTagBody,
      updateBody: s.updateTagBody,
    },
    docs: {
      list: 'Tags in (name, id) order',
      create: 'Create a tag (slug from the name when omitted; unique per workspace → 409)',
      get: 'One tag',
      update: 'Rename, re-slug or recolour a tag (omitted = unchanged)',
      remove: 'Delete a tag',
      removeDescription: 'The tag is removed from every ticket that had it (CASCADE, as in the seed).',
    },
    list: (ctx, q) => listTags(ctx.tx, ctx.workspaceId, q),
    get: (ctx, id) => getTag(ctx.tx, ctx.workspaceId, id),
    create: async (ctx, body) => (await createTag(ctx, body)).id,
    update: async (ctx, id, body) => (await updateTag(ctx, id, body)).id,
    remove: (ctx, id) => deleteTag(ctx, id),
  });
}
