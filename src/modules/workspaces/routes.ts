/** GET/PATCH /api/support/admin/workspace/: the current workspace's settings (staff read, admins write). */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { problems } from '../../platform/http/json-schema.js';
import { notFound } from '../../platform/errors.js';
import { readPublicFace } from './branding.js';
import {
  getWorkspaceSettings,
  updateWorkspaceSettings,
  type WorkspaceSettingsInput,
} from './update-workspace-settings.js';

const ts = { type: 'string', format: 'date-time' } as const;
const settingsSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    slug: { type: 'string' },
    name: { type: 'string' },
    default_language: { type: 'string' },
    timezone: { type: 'string' },
    ticket_prefix: { type: 'string' },
    default_priority: { type: 'string' },
    order_url_template: { type: 'string' },
    consignment_url_template: { type: 'string' },
    accent_color: { type: 'string', description: '#rrggbb, or empty for the product’s own colour' },
    logo_url: { type: 'string', description: 'https URL or a path on this server, or empty' },
    duplicate_window_hours: { type: 'integer' },
    created_at: ts,
    updated_at: ts,
  },
} as const;

export async function workspaceRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const tags = ['admin: workspace'];
  app.get(
    '/api/support/admin/workspace/',
    {
      config: { access: 'staff' },
      schema: { tags, summary: 'The current workspace’s settings', response: { 200: settingsSchema } },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, (tx) => getWorkspaceSettings(tx, ws.id));
    },
  );
  app.patch<{ Body: WorkspaceSettingsInput }>(
    '/api/support/admin/workspace/',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change the workspace’s settings (omitted = unchanged)',
        description:
          'order_url_template / consignment_url_template: an http(s) URL containing {order} / {consignment}, ' +
          'e.g. https://shop.example/admin/orders/{order}; tickets then carry order_url / consignment_url. ' +
          'An empty string removes the link. Branding: accent_color #rrggbb with at least 4.5:1 contrast ' +
          'against white (it carries white text), logo_url an https URL or a path on this server; an empty ' +
          'string removes either.',
        body: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            default_language: { type: 'string', pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$' },
            timezone: { type: 'string', maxLength: 64 },
            default_priority: { type: 'string', maxLength: 20 },
            order_url_template: { type: 'string', maxLength: 500 },
            consignment_url_template: { type: 'string', maxLength: 500 },
            ticket_prefix: {
              type: 'string',
              pattern: '^[A-Z][A-Z0-9]{0,9}$',
              description: 'for new ticket numbers; unique install-wide (taken → 409); old numbers stay',
            },
            accent_color: { type: 'string', maxLength: 7 },
            logo_url: { type: 'string', maxLength: 2000 },
            duplicate_window_hours: {
              type: 'integer',
              minimum: 0,
              maximum: 8760,
              description:
                'hours within which a similar ticket of the same customer or order is a possible duplicate (0: off)',
            },
          },
          additionalProperties: false,
        },
        response: { 200: settingsSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, (tx) =>
        updateWorkspaceSettings({ tx, workspaceId: ws.id, now: deps.now() }, request.body),
      );
    },
  );

  app.get(
    '/api/support/branding/',
    {
      config: { access: 'public' },
      schema: {
        tags: ['workspace'],
        summary: 'The workspace’s public face: name, language, accent colour and logo',
        description:
          'The one branding source of the customer portal, the help centre and the customer mails. Anonymous ' +
          'callers name the workspace with X-Workspace or ?workspace=. Empty colour or logo: none set.',
        security: [],
        querystring: {
          type: 'object',
          properties: {
            workspace: {
              type: 'string',
              maxLength: 100,
              description: 'The workspace slug (or send X-Workspace)',
            },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              slug: { type: 'string' },
              name: { type: 'string' },
              default_language: { type: 'string' },
              accent_color: { type: 'string', description: '#rrggbb, or empty for the product’s own colour' },
              logo_url: { type: 'string', description: 'https URL or a path on this server, or empty' },
            },
            required: ['slug', 'name', 'default_language', 'accent_color', 'logo_url'],
          },
          ...problems(400, 404),
        },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const face = await inWorkspace(deps.db, ws.id, (tx) => readPublicFace(tx, ws.id));
      if (!face) throw notFound('workspace');
      return face;
    },
  );
}
