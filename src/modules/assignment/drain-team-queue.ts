/**
 * Drains team queues: hands a team's waiting tickets (team set, no agent, still open), oldest first, to
 * its available members below their caps, by the team's mode. Called when capacity appears — an agent
 * becomes available, finishes or gives up a ticket, a team's settings or members change — in the same
 * transaction as that change, and by the `assignment.sweep` job as a safety net.
 */
import type { Tx } from '../../db/tenant.js';
import type { Actor } from '../../platform/events.js';
import { handOver } from './hand-over.js';
import { pickAgent } from './pick-agent.js';
import * as repo from './repository.js';
import { candidatesOf } from './route-to-team.js';

/** At most this many tickets per team and call, so one transaction stays short; the sweep does the rest. */
export const DRAIN_BATCH = 100;

export interface DrainInput {
  workspaceId: number;
  now: Date;
  /** Who caused it (the agent who became available, the admin…); {} for the system. */
  actor: Actor;
}

/** Drains one team's queue; returns how many tickets were assigned. Manual and inactive teams: 0. */
export async function drainTeamQueue(
  tx: Tx,
  input: DrainInput & { teamId: number; limit?: number },
): Promise<number> {
  const { workspaceId, teamId } = input;
  if (!(await repo.hasQueuedTickets(tx, workspaceId, teamId))) return 0;
  await repo.lockRouting(tx, workspaceId);
  const team = await repo.lockTeamForRouting(tx, workspaceId, teamId);
  if (!team || !team.is_active || team.assignment_mode === 'manual') return 0;
  const mode = team.assignment_mode;
  const members = await repo.memberStates(tx, workspaceId, teamId);
  const candidates = candidatesOf(members, team.max_open_per_agent);
  const queue = await repo.lockQueuedTickets(tx, workspaceId, teamId, input.limit ?? DRAIN_BATCH);
  let pointer = team.last_assigned_user_id;
  let assigned = 0;
  for (const ticket of queue) {
    const pick = pickAgent(mode, candidates, pointer);
    if (!pick) break;
    const member = members.find((m) => m.userId === pick.userId);
    await handOver(tx, {
      ticket,
      team,
      agent: { id: pick.userId, name: member?.name ?? '' },
      reason: `auto: ${mode} (from the queue)`,
      escalate: false,
      actor: input.actor,
      now: input.now,
      arriving: false,
    });
    const taker = candidates.find((c) => c.userId === pick.userId);
    if (taker) taker.open += 1;
    pointer = pick.userId;
    assigned += 1;
  }
  if (pointer !== null && assigned > 0) await repo.setRoundRobinPointer(tx, workspaceId, teamId, pointer);
  return assigned;
}

/** Drains the queues of every automatic team the agent is in (their capacity or availability grew). */
export async function drainQueuesOf(tx: Tx, input: DrainInput & { userId: number }): Promise<number> {
  let assigned = 0;
  for (const teamId of await repo.autoTeamsOf(tx, input.workspaceId, input.userId)) {
    assigned += await drainTeamQueue(tx, { ...input, teamId });
  }
  return assigned;
}
