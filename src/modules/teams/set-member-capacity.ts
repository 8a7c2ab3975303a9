/**
 * Sets one member's own cap on open tickets in a team (overriding the team's max_open_per_agent; 0 = never
 * assigned automatically here; null = back to the team's). A higher cap may take queued tickets at once.
 */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { drainTeamQueue } from '../assignment/index.js';
import * as repo from './repository.js';

/** 404 for an unknown team, another workspace's team, or a user who is not a member of it. */
export async function setMemberCapacity(
  ctx: { tx: Tx; workspaceId: number; userId: number; now: Date },
  teamId: number,
  memberId: number,
  cap: number | null,
): Promise<void> {
  const { tx, workspaceId } = ctx;
  const team = await repo.lockTeam(tx, workspaceId, teamId);
  if (!team) throw notFound('team');
  if (!(await repo.setMemberCap(tx, workspaceId, team.id, memberId, cap))) throw notFound('team member');
  await drainTeamQueue(tx, { workspaceId, teamId: team.id, now: ctx.now, actor: { userId: ctx.userId } });
}
