/**
 * Writes one routing decision: the ticket's new team and agent (or none: the team queue), its
 * TicketAssignment row and `ticket.assigned` event, and — for a ticket that already existed — history
 * entries and an internal system message, as a manual assignment would.
 */
import type { AssignmentAction, SupportTicket } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { Actor } from '../../platform/events.js';
import { addSystemMessage, recordHistory } from '../tickets/index.js';
import { logAssignment } from './log-assignment.js';
import { isOpenStatus } from './pick-agent.js';
import { setTicketRoute } from './repository.js';

export interface HandOver {
  /** The ticket as it was (locked by the caller). */
  ticket: SupportTicket;
  team: { id: number; name: string };
  /** The agent who takes it; null leaves it waiting in the team's queue. */
  agent: { id: number; name: string } | null;
  /** For the log, e.g. 'auto: round_robin — category billing'. */
  reason: string;
  escalate: boolean;
  actor: Actor;
  now: Date;
  /** The ticket was created in this transaction: its log row is enough, no history or system message. */
  arriving: boolean;
}

/** The log action of a routing decision. A move into a team's queue is an assignment to the team. */
export function routeAction(
  fromUser: number | null,
  toUser: number | null,
  escalate: boolean,
): AssignmentAction {
  if (escalate) return 'escalated';
  if (toUser === null) return fromUser === null ? 'assigned' : 'unassigned';
  return fromUser === null ? 'assigned' : 'reassigned';
}

function systemText(h: HandOver): string {
  const { ticket, team, agent } = h;
  const head = h.escalate
    ? `Escalated to team ${team.name}`
    : ticket.team_id !== team.id
      ? `Routed to team ${team.name}`
      : `Taken from the queue of team ${team.name}`;
  const tail =
    agent === null
      ? isOpenStatus(ticket.status)
        ? 'waiting in its queue'
        : 'unassigned'
      : agent.id === ticket.assigned_to_id
        ? 'still with its agent'
        : `assigned to ${agent.name}`;
  return `${head}, ${tail} — ${h.reason}`;
}

/** Applies the decision and returns the updated ticket. */
export async function handOver(tx: Tx, h: HandOver): Promise<SupportTicket> {
  const { ticket, team, agent, now } = h;
  const toUser = agent?.id ?? null;
  const updated = await setTicketRoute(tx, ticket, { teamId: team.id, userId: toUser, now });
  await logAssignment(tx, {
    workspaceId: ticket.workspace_id,
    ticketId: ticket.id,
    ticketNumber: ticket.ticket_number,
    action: routeAction(ticket.assigned_to_id, toUser, h.escalate),
    fromUser: ticket.assigned_to_id,
    toUser,
    fromTeam: ticket.team_id,
    toTeam: team.id,
    reason: h.reason,
    actor: h.actor,
    at: now,
  });
  if (h.arriving) return updated;
  await recordHistory(
    tx,
    ticket,
    [
      { field: 'assigned_to', old: ticket.assigned_to_id, new: toUser },
      { field: 'team', old: ticket.team_id, new: team.id },
    ],
    h.actor,
    now,
  );
  await addSystemMessage(tx, ticket, systemText(h), now);
  return updated;
}
