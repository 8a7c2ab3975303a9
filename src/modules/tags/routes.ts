import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { ticketActorOf, ticketParams, ticketView } from '../tickets/index.js';
import { tagAdminRoutes } from './admin-routes.js';
import { tagTicket, type TagInput } from './tag-ticket.js';

const tagList = {
  type: 'array',
  maxItems: 50,
  items: { type: 'string', minLength: 1, maxLength: 50 },
} as const;

export async function tagRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  tagAdminRoutes(app, deps);
  app.post<{ Params: { id: string }; Body: TagInput }>(
    '/api/support/admin/tickets/:id/tags/',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['admin'],
        summary: 'Add and remove tags on a ticket (unknown tags are created)',
        params: ticketParams,
        body: { type: 'object', properties: { add: tagList, remove: tagList }, additionalProperties: false },
        response: { 200: { $ref: 'Ticket#' } },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      return inWorkspace(deps.db, ws.id, async (tx) => {
        const id = await tagTicket(
          { tx, workspaceId: ws.id, actor, now: deps.now() },
          request.params.id,
          request.body,
        );
        return ticketView(tx, ws, id, actor);
      });
    },
  );
}
