/** SQL for support teams and their members. Takes the transaction explicitly; no business rules here. */
import type { Insertable, Updateable } from 'kysely';
import type { Availability, SupportTeamsTable } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { Cursor } from '../../platform/pagination.js';
import { lockRouting, OPEN_STATUSES } from '../assignment/index.js';

function teamQuery(tx: Tx, workspaceId: number) {
  return tx
    .selectFrom('support_teams as t')
    .leftJoin('users as u', 'u.id', 't.team_lead_id')
    .selectAll('t')
    .select((eb) => [
      'u.name as lead_name',
      'u.email as lead_email',
      // The team queue: open tickets of the team that nobody has yet.
      eb
        .selectFrom('support_tickets as q')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('q.workspace_id', '=', 't.workspace_id')
        .whereRef('q.team_id', '=', 't.id')
        .where('q.assigned_to_id', 'is', null)
        .where('q.status', 'in', OPEN_STATUSES)
        .as('queued'),
    ])
    .where('t.workspace_id', '=', workspaceId);
}

export type TeamRow = Awaited<ReturnType<ReturnType<typeof teamQuery>['executeTakeFirstOrThrow']>>;
export interface MemberRow {
  team_id: number;
  id: number;
  name: string;
  email: string;
  availability: Availability;
  /** The member's own cap in this team (null = the team's). */
  max_open_tickets: number | null;
  /** Open tickets assigned to them in the workspace. */
  open: number | string | null;
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
    .innerJoin('workspace_memberships as wm', (j) =>
      j.onRef('wm.workspace_id', '=', 'm.workspace_id').onRef('wm.user_id', '=', 'm.user_id'),
    )
    .select((eb) => [
      'm.team_id',
      'u.id',
      'u.name',
      'u.email',
      'wm.availability',
      'm.max_open_tickets',
      eb
        .selectFrom('support_tickets as t')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('t.workspace_id', '=', 'm.workspace_id')
        .whereRef('t.assigned_to_id', '=', 'm.user_id')
        .where('t.status', 'in', OPEN_STATUSES)
        .as('open'),
    ])
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

/**
 * Locks the team row for the rest of the transaction; undefined when it is not in the workspace. The
 * workspace's routing lock comes first, in the order routing takes them (assignment/repository.ts), since
 * a team change may drain the team's queue.
 */
export async function lockTeam(tx: Tx, workspaceId: number, id: number) {
  await lockRouting(tx, workspaceId);
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

/** Deletes a team; tickets, SLAs, categories and the assignment log lose the reference (SET NULL). */
export async function deleteTeamRow(tx: Tx, workspaceId: number, id: number): Promise<boolean> {
  // Its tickets are updated (SET NULL) under the team row's lock: take the routing lock first, as routing does.
  await lockRouting(tx, workspaceId);
  const res = await tx
    .deleteFrom('support_teams')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/** Sets a member's own cap; false when the user is not a member of the team. */
export async function setMemberCap(
  tx: Tx,
  workspaceId: number,
  teamId: number,
  userId: number,
  cap: number | null,
): Promise<boolean> {
  const res = await tx
    .updateTable('support_team_members')
    .set({ max_open_tickets: cap })
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
