/**
 * The web channel: POST /api/support/tickets/ — the customer portal, the public web form, API clients
 * and staff on behalf of a customer open a ticket here (JSON or multipart with files).
 */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../../db/tenant.js';
import { workspaceOf } from '../../../platform/auth/access.js';
import type { AppDeps } from '../../../platform/deps.js';
import {
  acceptsUploads,
  attachUploads,
  MULTIPART_NOTE,
  uploaderOf,
  uploadsOf,
} from '../../attachments/index.js';
import {
  createTicket,
  createTicketBody,
  type CreateTicketInput,
  ticketActorOf,
  type TicketHooks,
  ticketView,
} from '../../tickets/index.js';

export async function webChannelRoutes(
  app: FastifyInstance,
  opts: { deps: AppDeps; hooks: TicketHooks },
): Promise<void> {
  const { deps, hooks } = opts;

  app.post<{ Body: CreateTicketInput }>(
    '/api/support/tickets/',
    {
      config: { access: 'public', idempotent: true },
      ...acceptsUploads(deps.config),
      schema: {
        tags: ['tickets'],
        summary: 'Open a ticket (customers, the public web form, or staff on behalf of a customer)',
        description: MULTIPART_NOTE,
        consumes: ['application/json', 'multipart/form-data'],
        body: createTicketBody,
        response: { 201: { $ref: 'Ticket#' } },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      const now = deps.now();
      const view = await inWorkspace(deps.db, ws.id, async (tx) => {
        const ticket = await createTicket(
          { tx, workspaceId: ws.id, actor, now, defaultPriority: ws.default_priority, hooks },
          request.body,
        );
        const uploads = uploadsOf(request);
        if (uploads.length > 0) {
          const target = {
            ticketId: ticket.id,
            messageId: null,
            uploader: uploaderOf(actor, ticket.customer_id),
          };
          await attachUploads({ tx, workspaceId: ws.id, storage: deps.storage, now }, target, uploads);
        }
        // A visitor without a login sees what they sent, as its customer would.
        return ticketView(
          tx,
          ws,
          ticket.id,
          actor.kind === 'anonymous' ? { kind: 'customer', customerId: ticket.customer_id } : actor,
        );
      });
      return reply.status(201).send(view);
    },
  );
}
