/**
 * Escalation of tickets to a team, as the SLA sweep does on a breach when the SLA says so: each ticket
 * moves to the team (an assignee who is not in that team is released, so the team can take it), with an
 * `escalated` TicketAssignment row and its `ticket.assigned` event, history and a system message; every
 * escalated ticket gets a `ticket.escalated` event, and the team hears of it by mail (its shared address
 * if it has one, else each active member, one mail each), queued by the `sla.notify` job after commit.
 * Set-based, so that a sweep escalating hundreds of tickets does it in a handful of statements.
 */
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { logAssignment } from '../assignment/assign-ticket.js';
import { addSystemMessages, recordTicketEvents } from './sweep-repository.js';
import './sweep-notify.js';

export interface EscalateTicketsInput {
  workspaceId: number;
  ticketIds: readonly number[];
  teamId: number;
  /** Why, for the assignment rows, the system messages and the mails ('SLA "Gold": first response breached'). */
  reason: string;
  now: Date;
  jobs: JobQueue;
}

export interface EscalationResult {
  ticketId: number;
  /** False when the ticket already was with the team (nothing moved; the team is still notified). */
  moved: boolean;
  teamId: number;
  /** The assignee after the escalation (null when it was released or there was none). */
  assignedToId: number | null;
}

/**
 * Escalates the tickets to `teamId` in the caller's transaction (call it once per reason: every call
 * notifies the team). Returns null, changing nothing, when the team does not exist in the workspace or
 * is inactive. The lead's auto-assignment router may run after it to pick an agent of the team.
 */
export async function escalateTickets(
  tx: Tx,
  input: EscalateTicketsInput,
): Promise<EscalationResult[] | null> {
  const { workspaceId, teamId, reason, now } = input;
  const team = await tx
    .selectFrom('support_teams')
    .select(['id', 'name', 'is_active'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team?.is_active || input.ticketIds.length === 0) return team?.is_active ? [] : null;
  const tickets = await tx
    .selectFrom('support_tickets')
    .select(['id', 'workspace_id', 'team_id', 'assigned_to_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', input.ticketIds)
    .orderBy('id')
    .forUpdate()
    .execute();
  const members = new Set(
    (
      await tx
        .selectFrom('support_team_members')
        .select('user_id')
        .where('workspace_id', '=', workspaceId)
        .where('team_id', '=', teamId)
        .execute()
    ).map((m) => m.user_id),
  );

  const results = tickets.map((t): EscalationResult => {
    const moved = t.team_id !== teamId;
    const keep = t.assigned_to_id !== null && members.has(t.assigned_to_id);
    return { ticketId: t.id, moved, teamId, assignedToId: moved && !keep ? null : t.assigned_to_id };
  });
  const moving = tickets.filter((t) => t.team_id !== teamId);
  if (moving.length > 0) {
    await tx
      .updateTable('support_tickets')
      .set({
        team_id: teamId,
        updated_at: now,
        assigned_to_id:
          members.size > 0
            ? sql<
                number | null
              >`CASE WHEN assigned_to_id IN (${sql.join([...members])}) THEN assigned_to_id END`
            : null,
      })
      .where('workspace_id', '=', workspaceId)
      .where(
        'id',
        'in',
        moving.map((t) => t.id),
      )
      .execute();
    const history = [];
    const messages = [];
    for (const [i, t] of tickets.entries()) {
      const after = results[i]!;
      if (!after.moved) continue;
      await logAssignment(tx, {
        workspaceId,
        ticketId: t.id,
        action: 'escalated',
        fromUser: t.assigned_to_id,
        toUser: after.assignedToId,
        fromTeam: t.team_id,
        toTeam: teamId,
        reason,
        actor: {},
        at: now,
      });
      const base = { workspace_id: workspaceId, ticket_id: t.id, created_at: now };
      if (after.assignedToId !== t.assigned_to_id) {
        history.push({ ...base, field: 'assigned_to', old_value: String(t.assigned_to_id), new_value: null });
      }
      history.push({
        ...base,
        field: 'team',
        old_value: t.team_id === null ? null : String(t.team_id),
        new_value: String(teamId),
      });
      const released = after.assignedToId !== t.assigned_to_id ? ' and unassigned' : '';
      messages.push({
        workspace_id: workspaceId,
        ticket_id: t.id,
        text: `Escalated to team ${team.name}${released} — ${reason}`,
      });
    }
    await tx.insertInto('ticket_history').values(history).execute();
    await addSystemMessages(tx, messages, now);
  }

  const eventIds = await recordTicketEvents(
    tx,
    results.map((r) => ({
      workspaceId,
      type: 'ticket.escalated',
      ticketId: r.ticketId,
      payload: { team_id: teamId, reason, moved: r.moved, assigned_to_id: r.assignedToId },
    })),
  );
  await input.jobs.enqueue(tx, 'sla.notify', { workspaceId, eventIds });
  return results;
}

/** escalateTickets for one ticket: its result, or null when the team cannot take it. */
export async function escalateTicket(
  tx: Tx,
  input: Omit<EscalateTicketsInput, 'ticketIds' | 'workspaceId'> & {
    ticket: { workspace_id: number; id: number };
  },
): Promise<EscalationResult | null> {
  const { ticket, ...rest } = input;
  const results = await escalateTickets(tx, {
    ...rest,
    workspaceId: ticket.workspace_id,
    ticketIds: [ticket.id],
  });
  return results?.[0] ?? null;
}
