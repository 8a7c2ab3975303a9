/** SQL for support teams and their members. Takes the transaction explicitly; no business rules here. */
import type { Insertable, Updateable } from 'kysely';
import type { SupportTeamsTable } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { Cursor } from '../../platform/pagination.js';

function teamQuery(tx: Tx, workspaceId: number) {
  return tx
    .selectFrom('support_teams as t')
    .leftJoin('users as u', 'u.id', 't.team_lead_id')
    .selectAll('t')
    .select(['u.name as lead_name', 'u.email as lead_email'])
    .where('t.workspace_id', '=', workspaceId);
}

export type TeamRow = Awaited<ReturnType<ReturnType<typeof teamQuery>['executeTakeFirstOrThrow']>>;
export interface MemberRow {
  team_id: number;
  id: number;
  name: string;
  email: string;
}

export async function findTeamRow(tx: Tx, workspaceId: number, id: number): Promise<TeamRow | undefined> {
  return teamQuery(tx, workspaceId).where('t.id', '=', id).executeTakeFirst();
}

/** A page of teams in (name, id) order, fetching limit + 1 rows. */
export async function listTeamRows(
  tx: Tx,
  workspaceId: number,
  options: { limit: number; cursor: Cursor | null },
): Promise<TeamRow[]> {
  let q = teamQuery(tx, workspaceId);
  const cursor = options.cursor;
  if (cursor)
    q = q.where((eb) => eb(eb.refTuple('t.name', 't.id'), '>', eb.tuple(String(cursor.v), cursor.id)));
  return q
    .orderBy('t.name')
    .orderBy('t.id')
    .limit(options.limit + 1)
    .execute();
}

/** The members of the given teams, by name. */
export async function membersOf(tx: Tx, workspaceId: number, teamIds: number[]): Promise<MemberRow[]> {
  if (teamIds.length === 0) return [];
  return tx
    .selectFrom('support_team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.team_id', 'u.id', 'u.name', 'u.email'])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.team_id', 'in', teamIds)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}

export async function insertTeam(tx: Tx, values: Insertable<SupportTeamsTable>): Promise<number> {
  const row = await tx.insertInto('support_teams').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTeamRow(
  tx: Tx,
  workspaceId: number,
  id: number,
  values: Updateable<SupportTeamsTable>,
): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await tx
    .updateTable('support_teams')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Locks the team row for the rest of the transaction; undefined when it is not in the workspace. */
export async function lockTeam(tx: Tx, workspaceId: number, id: number) {
  return tx
    .selectFrom('support_teams')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function addMembers(
  tx: Tx,
  workspaceId: number,
  teamId: number,
  userIds: number[],
): Promise<void> {
  if (userIds.length === 0) return;
  await tx
    .insertInto('support_team_members')
    .values(userIds.map((user_id) => ({ workspace_id: workspaceId, team_id: teamId, user_id })))
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
    .execute();
}

/** Removes every member not in `keep`. */
export async function removeMembersExcept(tx: Tx, workspaceId: number, teamId: number, keep: number[]) {
  let q = tx
    .deleteFrom('support_team_members')
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId);
  if (keep.length > 0) q = q.where('user_id', 'not in', keep);
  await q.execute();
}

/** Deletes a team; tickets, SLAs and the assignment log lose the reference (SET NULL). */
export async function deleteTeamRow(tx: Tx, workspaceId: number, id: number): Promise<boolean> {
  const res = await tx
    .deleteFrom('support_teams')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return res.numDeletedRows > 0n;
}
