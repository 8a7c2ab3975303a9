/** POST /api/support/tickets/{id}/reply/: a reply or internal note on a ticket. */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import {
  acceptsUploads,
  attachUploads,
  MULTIPART_NOTE,
  uploaderOf,
  uploadsOf,
} from '../attachments/index.js';
import {
  basedOnOf,
  presentMessage,
  ticketActorOf,
  type TicketHooks,
  ticketParams,
} from '../tickets/index.js';
import { replyToTicket, type ReplyInput } from './reply-to-ticket.js';
import { replyBody } from './schema.js';

export async function messageRoutes(
  app: FastifyInstance,
  opts: { deps: AppDeps; hooks: TicketHooks },
): Promise<void> {
  const { deps, hooks } = opts;
  app.post<{ Params: { id: string }; Body: ReplyInput }>(
    '/api/support/tickets/:id/reply/',
    {
      config: { access: 'authenticated', idempotent: true },
      ...acceptsUploads(deps.config),
      schema: {
        tags: ['tickets'],
        summary: 'Reply to a ticket (customers and staff) or add an internal note (staff)',
        description: MULTIPART_NOTE,
        consumes: ['application/json', 'multipart/form-data'],
        params: ticketParams,
        body: replyBody,
        response: { 201: { $ref: 'TicketMessage#' } },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      const now = deps.now();
      const message = await inWorkspace(deps.db, ws.id, async (tx) => {
        // A customer's If-Match is ignored (versions are staff-only); a based_on in their body is refused.
        const based_on =
          actor.kind === 'staff'
            ? basedOnOf(request.body, request.headers['if-match'])
            : request.body.based_on;
        const result = await replyToTicket({ tx, workspaceId: ws.id, actor, now, hooks }, request.params.id, {
          ...request.body,
          based_on,
        });
        const uploads = uploadsOf(request);
        if (uploads.length === 0) return result.message;
        const uploader = uploaderOf(actor, result.ticket.customer_id);
        const target = { ticketId: result.ticket.id, messageId: result.message.id, uploader };
        const attachments = await attachUploads(
          { tx, workspaceId: ws.id, storage: deps.storage, now },
          target,
          uploads,
        );
        return { ...result.message, attachments };
      });
      return reply.status(201).send(presentMessage(message, actor));
    },
  );
}
