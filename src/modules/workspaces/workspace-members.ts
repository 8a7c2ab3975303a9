/** Checks that users are staff members of the workspace (assignees, team members, team leads), and teams its own. */
import type { Tx } from '../../db/tenant.js';
import { invalid } from '../../platform/errors.js';

/** Throws 400 at `path` naming the ids that are not members of the workspace. */
export async function assertWorkspaceMembers(
  tx: Tx,
  workspaceId: number,
  userIds: readonly number[],
  path: string,
): Promise<void> {
  const wanted = [...new Set(userIds)];
  if (wanted.length === 0) return;
  const found = await tx
    .selectFrom('workspace_memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', wanted)
    .execute();
  const members = new Set(found.map((r) => r.user_id));
  const missing = wanted.filter((id) => !members.has(id));
  if (missing.length > 0) {
    throw invalid(path, `user(s) ${missing.join(', ')} are not members of this workspace`);
  }
}

/** Whether the team is one of the workspace's (an id from a body or query may name another's). */
export async function teamExists(tx: Tx, workspaceId: number, id: number): Promise<boolean> {
  const row = await tx
    .selectFrom('support_teams')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}
