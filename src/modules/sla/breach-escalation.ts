/**
 * Escalation of tickets to a team, as the SLA sweep does on a breach when the SLA says so: each ticket
 * moves to the team (an assignee who is not in that team is released, so the team can take it), with an
 * `escalated` TicketAssignment row and its `ticket.assigned` event (the rows logAssignment writes), history
 * and a system message; every escalated ticket gets a `ticket.escalated` event, and the team hears of it
 * by mail (its shared address if it has one, else each active member, one mail each), queued after
 * commit by the SLA mail subscriber (notification-subscriber.ts) that reads that event. Set-based:
 * escalating hundreds of tickets takes a handful of statements.
 */
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { recordEvents, type DomainEvent } from '../../platform/events.js';
import { addSystemMessages } from './sweep-repository.js';

export interface EscalateTicketsInput {
  workspaceId: number;
  /** Each ticket with why it is escalated ('SLA "Gold": first response breached'). */
  tickets: readonly { id: number; reason: string }[];
  teamId: number;
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

export interface EscalationOutcome {
  tickets: EscalationResult[];
  /** The `ticket.escalated` events, which the SLA mail subscriber announces to the team. */
  eventIds: number[];
}

async function activeTeamMembers(tx: Tx, workspaceId: number, teamId: number) {
  const rows = await tx
    .selectFrom('support_teams as t')
    .leftJoin('support_team_members as m', (j) =>
      j.onRef('m.team_id', '=', 't.id').onRef('m.workspace_id', '=', 't.workspace_id'),
    )
    .select(['t.name', 'm.user_id'])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.id', '=', teamId)
    .where('t.is_active', '=', true)
    .execute();
  if (rows.length === 0) return null;
  return {
    name: rows[0]!.name,
    members: new Set(rows.flatMap((r) => (r.user_id === null ? [] : [r.user_id]))),
  };
}

/**
 * Escalates the tickets to `teamId` in the caller's transaction (once per reason: every call notifies
 * the team). Returns null, changing nothing, when the team does not exist in the workspace or is
 * inactive. The lead's auto-assignment router may run after it to pick an agent of the team.
 */
export async function escalateTickets(
  tx: Tx,
  input: EscalateTicketsInput,
): Promise<EscalationOutcome | null> {
  const { workspaceId, teamId, now } = input;
  const team = await activeTeamMembers(tx, workspaceId, teamId);
  if (!team) return null;
  if (input.tickets.length === 0) return { tickets: [], eventIds: [] };
  const reasons = new Map(input.tickets.map((t) => [t.id, t.reason]));
  const tickets = await tx
    .selectFrom('support_tickets')
    .select(['id', 'ticket_number', 'team_id', 'assigned_to_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...reasons.keys()])
    .orderBy('id')
    .forUpdate()
    .execute();

  const results = tickets.map((t): EscalationResult => {
    const moved = t.team_id !== teamId;
    const keep = t.assigned_to_id !== null && team.members.has(t.assigned_to_id);
    return { ticketId: t.id, moved, teamId, assignedToId: moved && !keep ? null : t.assigned_to_id };
  });
  const moving = tickets.filter((t) => t.team_id !== teamId);
  const events: DomainEvent[] = [];
  if (moving.length > 0) {
    const members = [...team.members];
    await tx
      .updateTable('support_tickets')
      .set({
        team_id: teamId,
        updated_at: now,
        assigned_to_id:
          members.length > 0
            ? sql<number | null>`CASE WHEN assigned_to_id IN (${sql.join(members)}) THEN assigned_to_id END`
            : null,
      })
      .where('workspace_id', '=', workspaceId)
      .where(
        'id',
        'in',
        moving.map((t) => t.id),
      )
      .execute();
    const assignments = [];
    const history = [];
    const messages = [];
    for (const [i, t] of tickets.entries()) {
      const after = results[i]!;
      if (!after.moved) continue;
      const reason = reasons.get(t.id) ?? '';
      const move = {
        action: 'escalated' as const,
        from_user_id: t.assigned_to_id,
        to_user_id: after.assignedToId,
        from_team_id: t.team_id,
        to_team_id: teamId,
        reason,
      };
      assignments.push({
        workspace_id: workspaceId,
        ticket_id: t.id,
        ...move,
        created_by_id: null,
        created_at: now,
      });
      events.push({
        workspaceId,
        type: 'ticket.assigned',
        subjectId: t.id,
        payload: { ticket_id: t.id, ...move },
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
    await tx.insertInto('ticket_assignments').values(assignments).execute();
    await tx.insertInto('ticket_history').values(history).execute();
    await addSystemMessages(tx, messages, now);
  }

  const escalatedFrom = events.length;
  for (const [i, r] of results.entries()) {
    events.push({
      workspaceId,
      type: 'ticket.escalated',
      subjectId: r.ticketId,
      payload: {
        ticket_id: r.ticketId,
        ticket_number: tickets[i]!.ticket_number,
        to_team_id: teamId,
        reason: reasons.get(r.ticketId) ?? '',
        moved: r.moved,
        assigned_to: r.assignedToId,
      },
    });
  }
  const eventIds = (await recordEvents(tx, events)).slice(escalatedFrom);
  return { tickets: results, eventIds };
}

/** escalateTickets for one ticket: its result, or null when the team cannot take it. */
export async function escalateTicket(
  tx: Tx,
  input: Omit<EscalateTicketsInput, 'tickets' | 'workspaceId'> & {
    ticket: { workspace_id: number; id: number };
    reason: string;
  },
): Promise<EscalationResult | null> {
  const { ticket, reason, ...rest } = input;
  const outcome = await escalateTickets(tx, {
    ...rest,
    workspaceId: ticket.workspace_id,
    tickets: [{ id: ticket.id, reason }],
  });
  return outcome?.tickets[0] ?? null;
}
