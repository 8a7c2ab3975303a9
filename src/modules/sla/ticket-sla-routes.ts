/** GET /api/support/tickets/{id}/sla/ (staff): the ticket's SLA clock with its working. */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { loadVisibleTicket, ticketActorOf, ticketParams } from '../tickets/index.js';
import { explainTicketSla } from './explain-ticket-sla.js';
import { explanationSchema } from './explain-schema.js';

export async function ticketSlaRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  app.get<{ Params: { id: string } }>(
    '/api/support/tickets/:id/sla/',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['tickets'],
        summary: 'Explain the ticket’s SLA: which applies and why, targets, counted windows, pauses, dues',
        description:
          'Computed now by the same clock that stores the ticket’s due dates (shown under `stored`, with ' +
          '`in_sync`). Times in words are in the SLA’s time zone (the workspace’s when no SLA applies).',
        params: ticketParams,
        response: { 200: explanationSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      return inWorkspace(deps.db, ws.id, async (tx) => {
        const ticket = await loadVisibleTicket(tx, ws.id, request.params.id, actor);
        return explainTicketSla(tx, ticket, deps.now());
      });
    },
  );
}
