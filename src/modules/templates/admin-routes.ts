/** Admin CRUD of response templates under /api/support/admin/templates/. Staff read, admins write. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { registerCrudRoutes } from '../../platform/http/crud-routes.js';
import { createTemplate } from './create-template.js';
import { deleteTemplate } from './delete-template.js';
import { getAdminTemplate, listAdminTemplates } from './list-admin-templates.js';
import type { TemplateInput } from './template-input.js';
import * as s from './template-schema.js';
import { updateTemplate } from './update-template.js';

type CreateBody = TemplateInput & { name: string; content: string; language: string };

/** Registers the template admin routes on `app` (called from templateRoutes). */
export function templateAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerCrudRoutes<unknown, number, CreateBody, TemplateInput, { language?: string }>(app, deps, {
    base: '/api/support/admin/templates/',
    tag: 'admin: templates',
    schemas: {
      listQuery: s.listAdminTemplatesQuery,
      page: s.adminTemplatePageSchema,
      view: s.adminTemplateSchema,
      params: s.templateParams,
      createBody: s.createTemplateBody,
      updateBody: s.updateTemplateBody,
    },
    docs: {
      list: 'All response templates, active or not, in (name, id) order',
      create: 'Create a template (created_by = the caller; unknown placeholders → 400)',
      get: 'One template',
      update: 'Change a template (omitted = unchanged; categories replaces the list)',
      remove: 'Delete a template (its category links go with it)',
    },
    list: (ctx, q) => listAdminTemplates(ctx.tx, ctx.workspaceId, q),
    get: (ctx, id) => getAdminTemplate(ctx.tx, ctx.workspaceId, Number(id)),
    create: (ctx, body) => createTemplate(ctx, body),
    update: async (ctx, id, body) => {
      await updateTemplate(ctx, id, body);
      return id;
    },
    remove: (ctx, id) => deleteTemplate(ctx, id),
  });
}
