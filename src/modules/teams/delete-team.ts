/** Deletes a team: its memberships go with it; tickets, SLAs and the assignment log keep null. */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import * as repo from './repository.js';

/** Deletes the team (404 for unknown or another workspace's ids). */
export async function deleteTeam(ctx: { tx: Tx; workspaceId: number }, id: number): Promise<void> {
  if (!(await repo.deleteTeamRow(ctx.tx, ctx.workspaceId, id))) throw notFound('team');
}
