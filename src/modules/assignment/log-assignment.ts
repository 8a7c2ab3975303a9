/**
 * The assignment log: every move of a ticket between agents and teams (assign, reassign, unassign,
 * escalate, route) writes one ticket_assignments row and its event here.
 */
import type { AssignmentAction } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { recordEvent, type Actor } from '../../platform/events.js';

export interface AssignmentEntry {
  workspaceId: number;
  ticketId: number;
  ticketNumber: string;
  action: AssignmentAction;
  fromUser: number | null;
  toUser: number | null;
  fromTeam: number | null;
  toTeam: number | null;
  reason: string;
  actor: Actor;
  at: Date;
}

/**
 * Writes the TicketAssignment row and its `ticket.assigned` event (every assignment goes through here),
 * and `ticket.escalated` for an escalation to a team.
 */
export async function logAssignment(tx: Tx, e: AssignmentEntry): Promise<void> {
  await tx
    .insertInto('ticket_assignments')
    .values({
      workspace_id: e.workspaceId,
      ticket_id: e.ticketId,
      action: e.action,
      from_user_id: e.fromUser,
      to_user_id: e.toUser,
      from_team_id: e.fromTeam,
      to_team_id: e.toTeam,
      reason: e.reason,
      created_by_id: e.actor.userId ?? null,
      created_at: e.at,
    })
    .execute();
  await recordEvent(tx, {
    workspaceId: e.workspaceId,
    type: 'ticket.assigned',
    subjectType: 'ticket',
    subjectId: e.ticketId,
    actor: e.actor,
    payload: {
      ticket_id: e.ticketId,
      action: e.action,
      from_user_id: e.fromUser,
      to_user_id: e.toUser,
      from_team_id: e.fromTeam,
      to_team_id: e.toTeam,
      reason: e.reason,
    },
  });
  if (e.action === 'escalated' && e.toTeam !== null) {
    await recordEvent(tx, {
      workspaceId: e.workspaceId,
      type: 'ticket.escalated',
      subjectId: e.ticketId,
      actor: e.actor,
      payload: {
        ticket_id: e.ticketId,
        ticket_number: e.ticketNumber,
        to_team_id: e.toTeam,
        reason: e.reason,
        moved: e.fromTeam !== e.toTeam,
        assigned_to: e.toUser,
      },
    });
  }
}
