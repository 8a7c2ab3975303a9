/**
 * Assigns, reassigns or unassigns a ticket to an agent and/or a team. The agent must be a member of the
 * workspace (and of the team when one is given). Every real change writes a TicketAssignment row with the
 * action, a history entry, an internal system message and a `ticket.assigned` event; a request that
 * changes nothing writes nothing. An explicit assignment is never second-guessed (availability and caps
 * are for automatic routing), but what it frees or queues in automatic teams is routed at once.
 */
import type { AssignmentAction, SupportTicket } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { invalid } from '../../platform/errors.js';
import {
  addSystemMessage,
  auditActor,
  describeActor,
  lockVisibleTicket,
  recordHistory,
  type TicketActor,
} from '../tickets/index.js';
import { keepQueuesMoving } from './keep-queues-moving.js';
import { logAssignment } from './log-assignment.js';

export interface AssignInput {
  /** A user id, null to unassign, undefined to leave as is. */
  assigned_to?: number | null;
  team?: number | null;
  reason?: string;
  /** Record the move as an escalation (also what the SLA breach sweep does). */
  escalate?: boolean;
}

export interface AssignContext {
  tx: Tx;
  workspaceId: number;
  actor: TicketActor;
  now: Date;
}

export function assignmentAction(
  from: number | null,
  to: number | null,
  escalate: boolean,
): AssignmentAction {
  if (escalate) return 'escalated';
  if (to === null) return 'unassigned';
  return from === null ? 'assigned' : 'reassigned';
}

async function checkAssignee(
  tx: Tx,
  workspaceId: number,
  userId: number,
  teamId: number | null,
): Promise<string> {
  const member = await tx
    .selectFrom('workspace_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.name', 'u.email', 'u.is_active'])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
  if (!member || !member.is_active) throw invalid('assigned_to', 'is not an active member of this workspace');
  if (teamId !== null) {
    const inTeam = await tx
      .selectFrom('support_team_members')
      .select('user_id')
      .where('workspace_id', '=', workspaceId)
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!inTeam) throw invalid('assigned_to', 'is not a member of that team');
  }
  return member.name || member.email;
}

async function teamName(tx: Tx, workspaceId: number, teamId: number): Promise<string> {
  const team = await tx
    .selectFrom('support_teams')
    .select(['name', 'is_active'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team || !team.is_active) throw invalid('team', 'no such active team');
  return team.name;
}

export async function assignTicket(
  ctx: AssignContext,
  ref: string | number,
  input: AssignInput,
): Promise<SupportTicket> {
  const { tx, workspaceId, actor, now } = ctx;
  const ticket = await lockVisibleTicket(tx, workspaceId, ref, actor);
  const toTeam = input.team === undefined ? ticket.team_id : input.team;
  const toUser = input.assigned_to === undefined ? ticket.assigned_to_id : input.assigned_to;
  const teamLabel =
    toTeam !== null && toTeam !== ticket.team_id ? await teamName(tx, workspaceId, toTeam) : null;
  // Team membership is checked when the request names the team; an existing team is not re-checked.
  const userLabel =
    toUser !== null
      ? await checkAssignee(tx, workspaceId, toUser, input.team !== undefined ? toTeam : null)
      : null;
  if (toUser === ticket.assigned_to_id && toTeam === ticket.team_id) return ticket;

  const updated = await tx
    .updateTable('support_tickets')
    .set({ assigned_to_id: toUser, team_id: toTeam, updated_at: now })
    .where('id', '=', ticket.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const reason = input.reason?.trim() ?? '';
  const action = assignmentAction(ticket.assigned_to_id, toUser, input.escalate === true);
  const who = auditActor(actor);
  await logAssignment(tx, {
    workspaceId,
    ticketId: ticket.id,
    ticketNumber: ticket.ticket_number,
    action,
    fromUser: ticket.assigned_to_id,
    toUser,
    fromTeam: ticket.team_id,
    toTeam,
    reason,
    actor: who,
    at: now,
  });
  await recordHistory(
    tx,
    ticket,
    [
      { field: 'assigned_to', old: ticket.assigned_to_id, new: toUser },
      { field: 'team', old: ticket.team_id, new: toTeam },
    ],
    who,
    now,
  );
  const parts = [
    toUser !== ticket.assigned_to_id ? (userLabel ? `assigned to ${userLabel}` : 'unassigned') : null,
    teamLabel
      ? `moved to team ${teamLabel}`
      : toTeam === null && ticket.team_id !== null
        ? 'removed from its team'
        : null,
  ].filter(Boolean);
  const verb = action === 'escalated' ? 'Escalated' : 'Ticket';
  await addSystemMessage(
    tx,
    ticket,
    `${verb} ${parts.join(' and ')} by ${await describeActor(tx, actor)}${reason ? ` — ${reason}` : ''}`,
    now,
  );
  // The previous agent's freed capacity, or the ticket now waiting in an automatic team, is routed.
  await keepQueuesMoving(tx, { before: ticket, after: updated, now, actor: who });
  return updated;
}
