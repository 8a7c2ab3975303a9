/**
 * routeToTeam: hands a ticket to a team — the one entry point of routing on arrival (a category's team),
 * escalation (the SLA breach sweep) and, later, mailboxes. It sets the team and, when the team assigns
 * automatically (round_robin / least_open), picks the agent under the team's lock; with nobody available
 * or everyone at their cap the ticket waits in the team queue (team set, no agent) until a drain
 * (drain-team-queue.ts) hands it out.
 */
import type { SupportTicket } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { invalid, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/events.js';
import { handOver } from './hand-over.js';
import { capacityOf, isOpenStatus, pickAgent, type Candidate } from './pick-agent.js';
import * as repo from './repository.js';

export interface RouteToTeamInput {
  workspaceId: number;
  ticketId: number;
  teamId: number;
  /** Why, for the log and the system message: 'category billing', 'SLA Gold breached'… ('' for none). */
  reason: string;
  now: Date;
  /** Who caused it ({} for the system, e.g. the breach sweep). */
  actor: Actor;
  /** Log the move as an escalation (action `escalated`) rather than an assignment. */
  escalate?: boolean;
  /** The ticket was created in this transaction (no history entries or system message). */
  arriving?: boolean;
  /** Refuse an inactive team with 400 (a person's choice); automatic callers route there anyway. */
  requireActive?: boolean;
  /** Members not to pick this time (a chat offer that timed out with them); they lose a ticket they hold. */
  exclude?: readonly number[];
}

export interface RouteResult {
  ticket: SupportTicket;
  /** assigned: an agent was picked; queued: it waits in the team queue; kept: its agent is in the team. */
  outcome: 'assigned' | 'queued' | 'kept';
  /** Set when nothing had to change (the ticket was already there); nothing was written then. */
  unchanged: boolean;
}

/** The members as routing candidates, with their effective caps. */
export function candidatesOf(members: repo.MemberState[], teamCap: number | null): Candidate[] {
  return members.map((m) => ({
    userId: m.userId,
    availability: m.availability,
    isActive: m.isActive,
    open: m.open,
    capacity: capacityOf(m.memberCap, teamCap),
  }));
}

function withReason(base: string, reason: string): string {
  return reason.trim() ? `${base} — ${reason.trim()}` : base;
}

/**
 * Hands the ticket to the team. Rules, in order:
 * - the ticket's agent is an active member of the team: they keep it, only the team changes ("kept");
 * - the ticket is no longer open (resolved, closed, cancelled): only the team changes;
 * - the team is manual or inactive: it waits in the team queue, unassigned ("queued");
 * - otherwise the team's mode picks an available member below their cap ("assigned", reason
 *   'auto: <mode>'), or, with nobody, it waits in the queue ("queued").
 * Locks: the ticket, then the workspace's routing lock, then the team row (see repository.ts). 404 for a
 * ticket or team not in the workspace.
 */
export async function routeToTeam(tx: Tx, input: RouteToTeamInput): Promise<RouteResult> {
  const { workspaceId, teamId } = input;
  const ticket = await repo.lockTicket(tx, workspaceId, input.ticketId);
  if (!ticket) throw notFound('ticket');
  await repo.lockRouting(tx, workspaceId);
  const team = await repo.lockTeamForRouting(tx, workspaceId, teamId);
  if (!team) throw notFound('team');
  if (input.requireActive && !team.is_active) throw invalid('team', 'is inactive');
  const excluded = new Set(input.exclude ?? []);
  const members = (await repo.memberStates(tx, workspaceId, teamId)).filter((m) => !excluded.has(m.userId));
  const write = async (agent: { id: number; name: string } | null, reason: string) =>
    handOver(tx, {
      ticket,
      team,
      agent,
      reason: withReason(reason, input.reason),
      escalate: input.escalate === true,
      actor: input.actor,
      now: input.now,
      arriving: input.arriving === true,
    });

  const current = members.find((m) => m.userId === ticket.assigned_to_id && m.isActive);
  if (current || !isOpenStatus(ticket.status)) {
    const agent =
      ticket.assigned_to_id !== null ? { id: ticket.assigned_to_id, name: current?.name ?? '' } : null;
    if (ticket.team_id === teamId) return { ticket, outcome: agent ? 'kept' : 'queued', unchanged: true };
    const moved = await write(agent, agent ? 'team changed, agent kept' : 'team changed');
    return { ticket: moved, outcome: agent ? 'kept' : 'queued', unchanged: false };
  }

  const mode = team.assignment_mode;
  const pick =
    mode !== 'manual' && team.is_active
      ? pickAgent(mode, candidatesOf(members, team.max_open_per_agent), team.last_assigned_user_id)
      : null;
  if (!pick) {
    if (ticket.team_id === teamId && ticket.assigned_to_id === null) {
      return { ticket, outcome: 'queued', unchanged: true };
    }
    const why = !team.is_active
      ? 'queued: the team is inactive'
      : mode === 'manual'
        ? 'queued: manual team'
        : 'queued: no agent available';
    return { ticket: await write(null, why), outcome: 'queued', unchanged: false };
  }
  const agent = members.find((m) => m.userId === pick.userId);
  await repo.setRoundRobinPointer(tx, workspaceId, teamId, pick.userId);
  const routed = await write({ id: pick.userId, name: agent?.name ?? '' }, `auto: ${mode}`);
  return { ticket: routed, outcome: 'assigned', unchanged: false };
}
