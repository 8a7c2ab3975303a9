/** POST /api/support/phone/calls/: agents log a call (a new phone ticket, or a note on a ticket). */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../../db/tenant.js';
import { staffOf, workspaceOf } from '../../../platform/auth/access.js';
import type { AppDeps } from '../../../platform/deps.js';
import { ticketActorOf, type TicketHooks, ticketView } from '../../tickets/index.js';
import { logCall, type LogCallInput } from './log-call.js';
import * as s from './schema.js';

export async function phoneRoutes(
  app: FastifyInstance,
  opts: { deps: AppDeps; hooks: TicketHooks },
): Promise<void> {
  const { deps, hooks } = opts;
  app.post<{ Body: LogCallInput }>(
    '/api/support/phone/calls/',
    {
      config: { access: 'staff', idempotent: true },
      schema: {
        tags: s.TAGS,
        summary: 'Log a call: a new ticket with channel phone, or an internal note on `ticket`',
        description:
          'The number is stored as E.164 (national numbers in the workspace’s phone_default_region); a new ' +
          'ticket is for `customer` (id or email) or the customer with that number.',
        body: s.logCallBody,
        response: { 201: s.loggedCallSchema },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const staff = staffOf(request);
      const actor = ticketActorOf(staff);
      const result = await inWorkspace(deps.db, ws.id, async (tx) => {
        const logged = await logCall(
          {
            tx,
            workspace: ws,
            staff: { userId: staff.userId, role: staff.role, via: staff.via },
            now: deps.now(),
            hooks,
          },
          request.body,
        );
        return { ...logged, view: await ticketView(tx, ws, logged.ticket.id, actor) };
      });
      return reply.status(201).send({ call_id: result.callId, created: result.created, ticket: result.view });
    },
  );
}
