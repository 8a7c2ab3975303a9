/**
 * POST /api/support/admin/tickets/{id}/assign/ (manual), …/route/ (hand to a team and its automation),
 * the ticket's assignment log, and the availability routes.
 */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { auditActor, loadVisibleTicket, ticketActorOf, ticketParams, ticketView } from '../tickets/index.js';
import { assignTicket, type AssignInput } from './assign-ticket.js';
import { availabilityRoutes } from './availability-routes.js';
import { routeToTeam } from './route-to-team.js';
import * as s from './schema.js';

const idOrNull = { type: ['integer', 'null'] };

export async function assignmentRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  app.post<{ Params: { id: string }; Body: AssignInput }>(
    '/api/support/admin/tickets/:id/assign/',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['admin'],
        summary: 'Assign, reassign or unassign a ticket (agent and/or team); writes a TicketAssignment',
        params: ticketParams,
        body: {
          type: 'object',
          properties: {
            assigned_to: { ...idOrNull, description: 'user id; null unassigns; omitted leaves it' },
            team: { ...idOrNull, description: 'team id; null removes the team; omitted leaves it' },
            reason: { type: 'string', maxLength: 2000 },
            escalate: { type: 'boolean', description: 'record the move as an escalation' },
          },
          additionalProperties: false,
        },
        response: { 200: { $ref: 'Ticket#' } },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      return inWorkspace(deps.db, ws.id, async (tx) => {
        const t = await assignTicket(
          { tx, workspaceId: ws.id, actor, now: deps.now() },
          request.params.id,
          request.body,
        );
        return ticketView(tx, ws, t.id, actor);
      });
    },
  );

  app.post<{ Params: { id: string }; Body: { team: number; reason?: string; escalate?: boolean } }>(
    '/api/support/admin/tickets/:id/route/',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['admin'],
        summary: 'Hand a ticket to a team: its mode picks the agent, or the ticket waits in its queue',
        description:
          'round_robin / least_open teams assign an available member below their cap at once; manual ' +
          'teams, or nobody available, leave it in the team queue (team set, no agent). An agent who is ' +
          'a member of the team keeps the ticket. 404 for another workspace’s ticket or team, 400 for an ' +
          'inactive team.',
        params: ticketParams,
        body: s.routeBody,
        response: { 200: { $ref: 'Ticket#' } },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      return inWorkspace(deps.db, ws.id, async (tx) => {
        const t = await loadVisibleTicket(tx, ws.id, request.params.id, actor);
        await routeToTeam(tx, {
          workspaceId: ws.id,
          ticketId: t.id,
          teamId: request.body.team,
          reason: request.body.reason ?? '',
          escalate: request.body.escalate === true,
          requireActive: true,
          now: deps.now(),
          actor: auditActor(actor),
        });
        return ticketView(tx, ws, t.id, actor);
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/support/admin/tickets/:id/assignments/',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['admin'],
        summary: 'The ticket’s assignment log, oldest first',
        params: ticketParams,
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
                    action: { type: 'string' },
                    from_user: idOrNull,
                    to_user: idOrNull,
                    from_team: idOrNull,
                    to_team: idOrNull,
                    reason: { type: 'string' },
                    created_by: idOrNull,
                    created_at: { type: 'string', format: 'date-time' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const actor = ticketActorOf(request.principal);
      return inWorkspace(deps.db, ws.id, async (tx) => {
        const t = await loadVisibleTicket(tx, ws.id, request.params.id, actor);
        const rows = await tx
          .selectFrom('ticket_assignments')
          .selectAll()
          .where('workspace_id', '=', ws.id)
          .where('ticket_id', '=', t.id)
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        return {
          results: rows.map((r) => ({
            id: r.id,
            action: r.action,
            from_user: r.from_user_id,
            to_user: r.to_user_id,
            from_team: r.from_team_id,
            to_team: r.to_team_id,
            reason: r.reason,
            created_by: r.created_by_id,
            created_at: r.created_at,
          })),
        };
      });
    },
  );

  await availabilityRoutes(app, { deps });
}
