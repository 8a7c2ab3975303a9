import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { invalid } from '../../platform/errors.js';
import { DEFAULT_LIMIT, PAGINATION_QUERY } from '../../platform/pagination.js';
import { findCategoryByRef } from '../tickets/index.js';
import { templateAdminRoutes } from './admin-routes.js';
import { listTemplates } from './list-templates.js';
import { templateSchema } from './template-schema.js';

interface Query {
  category?: string;
  language?: string;
  limit?: number;
  cursor?: string;
}

export async function templateRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  templateAdminRoutes(app, deps);
  app.get<{ Querystring: Query }>(
    '/api/support/templates/',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['templates'],
        summary: 'Active response templates (those of a category include the ones linked to none)',
        querystring: {
          type: 'object',
          properties: {
            ...PAGINATION_QUERY,
            category: { type: 'string', maxLength: 100, description: 'category id or slug' },
            language: { type: 'string', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$' },
            workspace: { type: 'string' },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              results: { type: 'array', items: templateSchema },
              next_cursor: { type: ['string', 'null'] },
            },
          },
        },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const { category, language, limit, cursor } = request.query;
      return inWorkspace(deps.db, ws.id, async (tx) => {
        let categoryId: number | undefined;
        if (category) {
          const c = await findCategoryByRef(tx, ws.id, category);
          if (!c) throw invalid('category', 'no such category');
          categoryId = c.id;
        }
        return listTemplates(tx, ws.id, {
          ...(categoryId !== undefined ? { categoryId } : {}),
          ...(language ? { language } : {}),
          limit: limit ?? DEFAULT_LIMIT,
          ...(cursor ? { cursor } : {}),
        });
      });
    },
  );
}
