/** Admin CRUD of tags under /api/support/admin/tags/. Staff read, admins write. */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { DEFAULT_LIMIT } from '../../platform/pagination.js';
import { createTag, type TagAdminInput } from './create-tag.js';
import { deleteTag } from './delete-tag.js';
import { getTag, listTags } from './list-tags.js';
import { presentTag } from './tag-presenter.js';
import * as s from './tag-schema.js';
import { updateTag } from './update-tag.js';

type Params = { id: string };
const BASE = '/api/support/admin/tags/';
const tags = ['admin: tags'];

/** Registers the tag admin routes on `app` (called from tagRoutes). */
export function tagAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    BASE,
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Tags in (name, id) order',
        querystring: s.listTagsQuery,
        response: { 200: s.tagPageSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const { limit, cursor } = request.query;
      return inWorkspace(deps.db, ws.id, (tx) =>
        listTags(tx, ws.id, { limit: limit ?? DEFAULT_LIMIT, ...(cursor ? { cursor } : {}) }),
      );
    },
  );

  app.post<{ Body: TagAdminInput & { name: string } }>(
    BASE,
    {
      config: { access: 'admin', idempotent: true },
      schema: {
        tags,
        summary: 'Create a tag (slug from the name when omitted; unique per workspace → 409)',
        body: s.createTagBody,
        response: { 201: s.tagSchema },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const tag = await inWorkspace(deps.db, ws.id, (tx) =>
        createTag({ tx, workspaceId: ws.id }, request.body),
      );
      return reply.status(201).send(presentTag(tag));
    },
  );

  app.get<{ Params: Params }>(
    `${BASE}:id/`,
    {
      config: { access: 'staff' },
      schema: { tags, summary: 'One tag', params: s.tagParams, response: { 200: s.tagSchema } },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, (tx) => getTag(tx, ws.id, request.params.id));
    },
  );

  app.patch<{ Params: Params; Body: TagAdminInput }>(
    `${BASE}:id/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Rename, re-slug or recolour a tag (omitted = unchanged)',
        params: s.tagParams,
        body: s.updateTagBody,
        response: { 200: s.tagSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const tag = await inWorkspace(deps.db, ws.id, (tx) =>
        updateTag({ tx, workspaceId: ws.id }, request.params.id, request.body),
      );
      return presentTag(tag);
    },
  );

  app.delete<{ Params: Params }>(
    `${BASE}:id/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete a tag',
        description: 'The tag is removed from every ticket that had it (CASCADE, as in the seed).',
        params: s.tagParams,
        response: { 204: { type: 'null', description: 'Deleted' } },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      await inWorkspace(deps.db, ws.id, (tx) => deleteTag({ tx, workspaceId: ws.id }, request.params.id));
      return reply.status(204).send();
    },
  );
}
