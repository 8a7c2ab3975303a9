/** Admin CRUD of response templates under /api/support/admin/templates/. Staff read, admins write. */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { staffOf, workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { DEFAULT_LIMIT } from '../../platform/pagination.js';
import { createTemplate } from './create-template.js';
import { deleteTemplate } from './delete-template.js';
import { getAdminTemplate, listAdminTemplates } from './list-admin-templates.js';
import type { TemplateInput } from './template-input.js';
import * as s from './template-schema.js';
import { updateTemplate } from './update-template.js';

type Params = { id: number };
type CreateBody = TemplateInput & { name: string; content: string; language: string };
const BASE = '/api/support/admin/templates/';
const tags = ['admin: templates'];

/** Registers the template admin routes on `app` (called from templateRoutes). */
export function templateAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: { language?: string; limit?: number; cursor?: string } }>(
    BASE,
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'All response templates, active or not, in (name, id) order',
        querystring: s.listAdminTemplatesQuery,
        response: { 200: s.adminTemplatePageSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const { language, limit, cursor } = request.query;
      return inWorkspace(deps.db, ws.id, (tx) =>
        listAdminTemplates(tx, ws.id, {
          ...(language ? { language } : {}),
          limit: limit ?? DEFAULT_LIMIT,
          ...(cursor ? { cursor } : {}),
        }),
      );
    },
  );

  app.post<{ Body: CreateBody }>(
    BASE,
    {
      config: { access: 'admin', idempotent: true },
      schema: {
        tags,
        summary: 'Create a template (created_by = the caller; unknown placeholders → 400)',
        body: s.createTemplateBody,
        response: { 201: s.adminTemplateSchema },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const me = staffOf(request);
      const view = await inWorkspace(deps.db, ws.id, async (tx) => {
        const id = await createTemplate({ tx, workspaceId: ws.id, userId: me.userId }, request.body);
        return getAdminTemplate(tx, ws.id, id);
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
        summary: 'One template',
        params: s.templateParams,
        response: { 200: s.adminTemplateSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, (tx) => getAdminTemplate(tx, ws.id, request.params.id));
    },
  );

  app.patch<{ Params: Params; Body: TemplateInput }>(
    `${BASE}:id/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change a template (omitted = unchanged; categories replaces the list)',
        params: s.templateParams,
        body: s.updateTemplateBody,
        response: { 200: s.adminTemplateSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, async (tx) => {
        await updateTemplate({ tx, workspaceId: ws.id, now: deps.now() }, request.params.id, request.body);
        return getAdminTemplate(tx, ws.id, request.params.id);
      });
    },
  );

  app.delete<{ Params: Params }>(
    `${BASE}:id/`,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete a template (its category links go with it)',
        params: s.templateParams,
        response: { 204: { type: 'null', description: 'Deleted' } },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      await inWorkspace(deps.db, ws.id, (tx) =>
        deleteTemplate({ tx, workspaceId: ws.id }, request.params.id),
      );
      return reply.status(204).send();
    },
  );
}
