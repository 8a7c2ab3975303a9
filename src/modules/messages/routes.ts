/** POST /api/support/tickets/{id}/reply/: a reply or internal note on a ticket. */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { ticketActorOf } from '../tickets/actor.js';
import { presentMessage } from '../tickets/presenter.js';
import { ticketParams } from '../tickets/schema.js';
import { replyToTicket, type ReplyInput } from './reply-to-ticket.js';
import { replyBody } from './schema.js';

export async function messageRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  app.post<{ Params: { id: string }; Body: ReplyInput }>(
    '/api/support/tickets/:id/reply/',
    {
      config: { access: 'authenticated', idempotent: true },
      schema: {
        tags: ['tickets'],
        summary: 'Reply to a ticket (customers and staff) or add an internal note (staff)',
        params: ticketParams,
        body: replyBody,
        response: { 201: { $ref: 'TicketMessage#' } },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      const result = await inWorkspace(deps.db, ws.id, (tx) =>
        replyToTicket({ tx, workspaceId: ws.id, actor, now: deps.now() }, request.params.id, request.body),
      );
      return reply.status(201).send(presentMessage(result.message, actor));
    },
  );
}
