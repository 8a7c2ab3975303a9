/** GET /api/support/admin/tickets/{id}/history/: every recorded change of a ticket, oldest first. */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { DEFAULT_LIMIT, PAGINATION_QUERY, decodeCursor, pageOf } from '../../platform/pagination.js';
import { ticketActorOf } from './actor.js';
import { loadVisibleTicket } from './load-ticket.js';
import { ticketParams } from './schema.js';

export async function historyRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  app.get<{ Params: { id: string }; Querystring: { limit?: number; cursor?: string } }>(
    '/api/support/admin/tickets/:id/history/',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['admin'],
        summary: 'The ticket’s change history: field, old value, new value, who and when',
        params: ticketParams,
        querystring: {
          type: 'object',
          properties: { ...PAGINATION_QUERY, workspace: { type: 'string' } },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              results: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'integer' },
                    field: { type: 'string' },
                    old_value: { type: ['string', 'null'] },
                    new_value: { type: ['string', 'null'] },
                    actor_user: { type: ['integer', 'null'] },
                    actor_customer: { type: ['integer', 'null'] },
                    created_at: { type: 'string', format: 'date-time' },
                  },
                },
              },
              next_cursor: { type: ['string', 'null'] },
            },
          },
        },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      const limit = request.query.limit ?? DEFAULT_LIMIT;
      const cursor = decodeCursor(request.query.cursor);
      return inWorkspace(deps.db, ws.id, async (tx) => {
        const t = await loadVisibleTicket(tx, ws.id, request.params.id, actor);
        let q = tx
          .selectFrom('ticket_history')
          .selectAll()
          .where('workspace_id', '=', ws.id)
          .where('ticket_id', '=', t.id);
        if (cursor) q = q.where('id', '>', cursor.id);
        const rows = await q
          .orderBy('id')
          .limit(limit + 1)
          .execute();
        return pageOf(
          rows,
          limit,
          (r) => r.id,
          (r) => ({
            id: r.id,
            field: r.field,
            old_value: r.old_value,
            new_value: r.new_value,
            actor_user: r.actor_user_id,
            actor_customer: r.actor_customer_id,
            created_at: r.created_at,
          }),
        );
      });
    },
  );
}
