/** GET /api/support/portal/: the workspace as the customer portal shows it (public). */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { problems } from '../../platform/http/json-schema.js';
import { portalInfo } from './portal-info.js';

const portalSchema = {
  tags: ['portal'],
  summary: 'The workspace’s name, language and branding for the customer portal',
  security: [],
  querystring: {
    type: 'object',
    properties: { workspace: { type: 'string', description: 'The workspace slug (or send X-Workspace)' } },
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
} as const;

export async function portalRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  app.get('/api/support/portal/', { config: { access: 'public' }, schema: portalSchema }, async (request) => {
    const ws = workspaceOf(request);
    return inWorkspace(deps.db, ws.id, (tx) => portalInfo(tx, ws.id));
  });
}
