/**
 * Who could take a new conversation now: a team's members by the team's own rules (active, `available`,
 * below their cap — the same test routing applies), or, without a team, the workspace's available staff.
 * Live chat shows it to visitors as "agents online" and the expected wait.
 */
import type { Tx } from '../../db/tenant.js';
import { canTakeMore } from './pick-agent.js';
import * as repo from './repository.js';
import { candidatesOf } from './route-to-team.js';

export interface TeamAvailability {
  /** Members who are active and set themselves available. */
  available: number;
  /** Of those, the ones below their cap (routing would pick one of them). */
  withCapacity: number;
  /** The available members' ids. */
  userIds: number[];
}

export async function teamAvailability(
  tx: Tx,
  workspaceId: number,
  teamId: number | null,
): Promise<TeamAvailability> {
  if (teamId === null) {
    const rows = await tx
      .selectFrom('workspace_memberships as wm')
      .innerJoin('users as u', 'u.id', 'wm.user_id')
      .select('wm.user_id')
      .where('wm.workspace_id', '=', workspaceId)
      .where('wm.availability', '=', 'available')
      .where('u.is_active', '=', true)
      .execute();
    const userIds = rows.map((r) => r.user_id);
    return { available: userIds.length, withCapacity: userIds.length, userIds };
  }
  const team = await tx
    .selectFrom('support_teams')
    .select(['is_active', 'max_open_per_agent'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team?.is_active) return { available: 0, withCapacity: 0, userIds: [] };
  const candidates = candidatesOf(await repo.memberStates(tx, workspaceId, teamId), team.max_open_per_agent);
  const online = candidates.filter((c) => c.isActive && c.availability === 'available');
  return {
    available: online.length,
    withCapacity: online.filter(canTakeMore).length,
    userIds: online.map((c) => c.userId),
  };
}
