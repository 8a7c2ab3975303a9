/** Reads of teams: one by id, and keyset pages in (name, id) order, each with its members. */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import { presentTeam, type TeamView } from './presenter.js';
import * as repo from './repository.js';

/** One team in API shape (404 for unknown or another workspace's ids). */
export async function getTeam(tx: Tx, workspaceId: number, id: number): Promise<TeamView> {
  const row = await repo.findTeamRow(tx, workspaceId, id);
  if (!row) throw notFound('team');
  return presentTeam(row, await repo.membersOf(tx, workspaceId, [row.id]));
}

/** A page of the workspace's teams. */
export async function listTeams(
  tx: Tx,
  workspaceId: number,
  options: { limit: number; cursor?: string },
): Promise<Page<TeamView>> {
  const rows = await repo.listTeamRows(tx, workspaceId, {
    limit: options.limit,
    cursor: decodeCursor(options.cursor),
  });
  const members = await repo.membersOf(
    tx,
    workspaceId,
    rows.slice(0, options.limit).map((r) => r.id),
  );
  return pageOf(
    rows,
    options.limit,
    (r) => r.name,
    (r) => presentTeam(r, members),
  );
}
