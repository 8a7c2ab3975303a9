/**
 * The web channel: POST /api/support/tickets/ — the customer portal, the public web form, API clients
 * and staff on behalf of a customer open a ticket here (JSON or multipart with files), through the one
 * intake every channel uses (../intake/receive-inbound.ts). The channel is `web` for customers and the
 * web form; staff name it (default `api` with a token, `web` with a session).
 */
import type { FastifyInstance } from 'fastify';
import type { TicketChannel } from '../../../db/schema.js';
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
  createTicketBody,
  ticketActorOf,
  type TicketActor,
  type TicketHooks,
  ticketView,
} from '../../tickets/index.js';
import { receiveInbound } from '../intake/receive-inbound.js';

interface WebTicketBody {
  subject: string;
  description: string;
  category?: string | number | null;
  priority?: string | number | null;
  channel?: TicketChannel;
  order?: string | null;
  consignment?: string | null;
  source_phone?: string;
  customer?: string | number;
  email?: string;
  name?: string;
  external_id?: string;
}

function channelOf(actor: TicketActor, requested: TicketChannel | undefined): TicketChannel {
  if (actor.kind !== 'staff') return 'web';
  return requested ?? (actor.via === 'token' ? 'api' : 'web');
}

export async function webChannelRoutes(
  app: FastifyInstance,
  opts: { deps: AppDeps; hooks: TicketHooks },
): Promise<void> {
  const { deps, hooks } = opts;

  app.post<{ Body: WebTicketBody }>(
    '/api/support/tickets/',
    {
      config: { access: 'public', idempotent: true },
      ...acceptsUploads(deps.config),
      schema: {
        tags: ['tickets'],
        summary: 'Open a ticket (customers, the public web form, or staff on behalf of a customer)',
        description: `${MULTIPART_NOTE} With \`external_id\` (staff/API), sending the same id again answers 200 with the first ticket and opens none.`,
        consumes: ['application/json', 'multipart/form-data'],
        body: createTicketBody,
        response: { 200: { $ref: 'Ticket#' }, 201: { $ref: 'Ticket#' } },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      const now = deps.now();
      const { customer, email, name, external_id: externalId, channel, ...ticket } = request.body;
      const { view, created } = await inWorkspace(deps.db, ws.id, async (tx) => {
        const received = await receiveInbound(
          { tx, workspace: ws, now, hooks },
          {
            channel: channelOf(actor, channel),
            actor,
            ...(externalId !== undefined ? { externalId } : {}),
            from: { customer, email, name },
            ticket,
          },
        );
        const opened = received.ticket;
        const uploads = uploadsOf(request);
        if (received.created && uploads.length > 0) {
          const target = {
            ticketId: opened.id,
            messageId: null,
            uploader: uploaderOf(actor, opened.customer_id),
          };
          await attachUploads({ tx, workspaceId: ws.id, storage: deps.storage, now }, target, uploads);
        }
        // A visitor without a login sees what they sent, as its customer would.
        const viewer: TicketActor =
          actor.kind === 'anonymous' ? { kind: 'customer', customerId: opened.customer_id } : actor;
        return { view: await ticketView(tx, ws, opened.id, viewer), created: received.created };
      });
      return reply.status(created ? 201 : 200).send(view);
    },
  );
}
