/**
 * Replaces a team's members with the given list (PUT semantics). Every member must belong to the
 * workspace (400 otherwise). The lead always stays a member: to drop the lead, change team_lead first.
 * New members may take queued tickets at once (the team's queue is drained in the same transaction).
 */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { drainTeamQueue } from '../assignment/index.js';
import * as repo from './repository.js';
import { assertWorkspaceMembers } from '../workspaces/index.js';

/** Sets the team's members (404 for unknown or another workspace's teams). */
export async function setTeamMembers(
  ctx: { tx: Tx; workspaceId: number; userId: number; now: Date },
  teamId: number,
  members: number[],
): Promise<void> {
  const { tx, workspaceId } = ctx;
  const team = await repo.lockTeam(tx, workspaceId, teamId);
  if (!team) throw notFound('team');
  await assertWorkspaceMembers(tx, workspaceId, members, 'members');
  const keep = [...new Set(team.team_lead_id !== null ? [...members, team.team_lead_id] : members)];
  await repo.removeMembersExcept(tx, workspaceId, team.id, keep);
  await repo.addMembers(tx, workspaceId, team.id, keep);
  await drainTeamQueue(tx, { workspaceId, teamId: team.id, now: ctx.now, actor: { userId: ctx.userId } });
}
