/**
 * Routing of a ticket created in this transaction: an explicit default assignee of its category wins
 * over the team's automation (the ticket goes to that person and the category's team, whatever their
 * availability or load, and the assignment is logged); otherwise the category's team gets it through
 * routeToTeam, whose mode picks the agent or leaves it in the team queue.
 */
import type { SupportTicket } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { Actor } from '../../platform/events.js';
import { logAssignment } from './log-assignment.js';
import { routeToTeam } from './route-to-team.js';

export interface Arrival {
  ticket: SupportTicket;
  /** The category's default assignee (already written on the ticket), or null. */
  assignee: number | null;
  /** The category's team (or the one the channel named), or null. */
  teamId: number | null;
  categorySlug: string | null;
  /** Why it goes to teamId when that is not the category's team. */
  reason?: string;
  now: Date;
  actor: Actor;
}

/** Logs the default assignment or routes to the category's team; returns the ticket as it is now. */
export async function routeArrival(tx: Tx, arrival: Arrival): Promise<SupportTicket> {
  const { ticket, assignee, teamId, now, actor } = arrival;
  if (assignee !== null) {
    await logAssignment(tx, {
      workspaceId: ticket.workspace_id,
      ticketId: ticket.id,
      ticketNumber: ticket.ticket_number,
      action: 'assigned',
      fromUser: null,
      toUser: assignee,
      fromTeam: null,
      toTeam: teamId,
      reason: 'default assignee of the category',
      actor,
      at: now,
    });
    return ticket;
  }
  if (teamId === null) return ticket;
  const routed = await routeToTeam(tx, {
    workspaceId: ticket.workspace_id,
    ticketId: ticket.id,
    teamId,
    reason: arrival.reason ?? `category ${arrival.categorySlug ?? ''}`,
    now,
    actor,
    arriving: true,
  });
  return routed.ticket;
}
