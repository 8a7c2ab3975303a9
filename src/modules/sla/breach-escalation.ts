/**
 * Escalation of a ticket to a team, as the SLA sweep does on a breach when the SLA says so: the ticket
 * moves to the team (an assignee who is not in that team is released, so the team can take it), with an
 * `escalated` TicketAssignment row, its `ticket.assigned` event, history and a system message; and the
 * team hears of it by mail — its shared address if it has one, else each active member, one mail each.
 */
import type { Tx } from '../../db/tenant.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { queueEmail } from '../../platform/mail/queue-email.js';
import { logAssignment } from '../assignment/assign-ticket.js';
import { recordHistory } from '../tickets/history.js';
import { addSystemMessage } from '../tickets/system-message.js';
import { escalationMail } from './sweep-mail.js';
import { teamRecipients } from './sweep-recipients.js';

export interface EscalateTicketInput {
  ticket: { workspace_id: number; id: number };
  teamId: number;
  /** Why, for the assignment row, the system message and the mail ("SLA "Gold": first response breached"). */
  reason: string;
  now: Date;
  jobs: JobQueue;
  publicUrl: string;
  workspaceName: string;
}

export interface EscalationResult {
  /** False when the ticket already was with the team (nothing moved; the team is still notified). */
  moved: boolean;
  teamId: number;
  /** The assignee after the escalation (null when it was released or there was none). */
  assignedToId: number | null;
  /** The addresses a mail was queued for. */
  notified: string[];
}

async function isTeamMember(tx: Tx, workspaceId: number, teamId: number, userId: number): Promise<boolean> {
  const row = await tx
    .selectFrom('support_team_members')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Escalates the ticket to `teamId` in the caller's transaction (call it once per reason: every call
 * notifies the team). Returns null, changing nothing, when the team does not exist or is inactive.
 * The lead's auto-assignment router may run after it to pick an agent of the team.
 */
export async function escalateTicket(tx: Tx, input: EscalateTicketInput): Promise<EscalationResult | null> {
  const { ticket: ref, teamId, reason, now } = input;
  const team = await tx
    .selectFrom('support_teams')
    .select(['id', 'name', 'is_active'])
    .where('workspace_id', '=', ref.workspace_id)
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team?.is_active) return null;
  const ticket = await tx
    .selectFrom('support_tickets')
    .select(['id', 'workspace_id', 'ticket_number', 'subject', 'team_id', 'assigned_to_id'])
    .where('workspace_id', '=', ref.workspace_id)
    .where('id', '=', ref.id)
    .forUpdate()
    .executeTakeFirstOrThrow();

  const moved = ticket.team_id !== teamId;
  let assignedToId = ticket.assigned_to_id;
  if (moved) {
    if (assignedToId !== null && !(await isTeamMember(tx, ticket.workspace_id, teamId, assignedToId))) {
      assignedToId = null;
    }
    await tx
      .updateTable('support_tickets')
      .set({ team_id: teamId, assigned_to_id: assignedToId, updated_at: now })
      .where('workspace_id', '=', ticket.workspace_id)
      .where('id', '=', ticket.id)
      .execute();
    await logAssignment(tx, {
      workspaceId: ticket.workspace_id,
      ticketId: ticket.id,
      action: 'escalated',
      fromUser: ticket.assigned_to_id,
      toUser: assignedToId,
      fromTeam: ticket.team_id,
      toTeam: teamId,
      reason,
      actor: {},
      at: now,
    });
    await recordHistory(
      tx,
      ticket,
      [
        { field: 'assigned_to', old: ticket.assigned_to_id, new: assignedToId },
        { field: 'team', old: ticket.team_id, new: teamId },
      ],
      {},
      now,
    );
    const released = assignedToId !== ticket.assigned_to_id ? ' and unassigned' : '';
    await addSystemMessage(tx, ticket, `Escalated to team ${team.name}${released} — ${reason}`, now);
  }

  const notified = await teamRecipients(tx, ticket.workspace_id, teamId);
  for (const to of notified) {
    await queueEmail(
      tx,
      input.jobs,
      escalationMail(ticket, team.name, reason, to, {
        workspaceName: input.workspaceName,
        publicUrl: input.publicUrl,
      }),
    );
  }
  return { moved, teamId, assignedToId, notified };
}
