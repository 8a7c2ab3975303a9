/** SQL for ticket categories. Takes the transaction explicitly; no business rules here. */
import type { Insertable, Updateable } from 'kysely';
import type { TicketCategoriesTable } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { Cursor } from '../../platform/pagination.js';

/** Categories with the summaries of what they point to (parent, default assignee, SLA, team). */
export function categoryQuery(tx: Tx, workspaceId: number) {
  return tx
    .selectFrom('ticket_categories as c')
    .leftJoin('ticket_categories as p', 'p.id', 'c.parent_id')
    .leftJoin('users as u', 'u.id', 'c.default_assignee_id')
    .leftJoin('slas as s', 's.id', 'c.sla_id')
    .leftJoin('support_teams as tm', 'tm.id', 'c.team_id')
    .selectAll('c')
    .select([
      'p.name as parent_name',
      'p.slug as parent_slug',
      'u.name as assignee_name',
      'u.email as assignee_email',
      's.name as sla_name',
      'tm.name as team_name',
    ])
    .where('c.workspace_id', '=', workspaceId);
}

export type CategoryRow = Awaited<ReturnType<ReturnType<typeof categoryQuery>['executeTakeFirstOrThrow']>>;

/** One category in API shape's raw form, by id. */
export async function findCategoryRow(
  tx: Tx,
  workspaceId: number,
  id: number,
): Promise<CategoryRow | undefined> {
  return categoryQuery(tx, workspaceId).where('c.id', '=', id).executeTakeFirst();
}

/** A page of categories in (order, id) order, fetching limit + 1 rows. */
export async function listCategoryRows(
  tx: Tx,
  workspaceId: number,
  options: { parentId?: number | null; limit: number; cursor: Cursor | null },
): Promise<CategoryRow[]> {
  let q = categoryQuery(tx, workspaceId);
  if (options.parentId === null) q = q.where('c.parent_id', 'is', null);
  else if (options.parentId !== undefined) q = q.where('c.parent_id', '=', options.parentId);
  const cursor = options.cursor;
  if (cursor) {
    q = q.where((eb) => eb(eb.refTuple('c.order', 'c.id'), '>', eb.tuple(Number(cursor.v), cursor.id)));
  }
  return q
    .orderBy('c.order')
    .orderBy('c.id')
    .limit(options.limit + 1)
    .execute();
}

export async function slugTaken(tx: Tx, workspaceId: number, slug: string, exceptId?: number) {
  let q = tx
    .selectFrom('ticket_categories')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** The parent id of a category (undefined when it does not exist in the workspace). */
export async function parentIdOf(
  tx: Tx,
  workspaceId: number,
  id: number,
): Promise<number | null | undefined> {
  const row = await tx
    .selectFrom('ticket_categories')
    .select('parent_id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.parent_id;
}

export async function insertCategory(tx: Tx, values: Insertable<TicketCategoriesTable>): Promise<number> {
  const row = await tx
    .insertInto('ticket_categories')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCategoryRow(
  tx: Tx,
  workspaceId: number,
  id: number,
  values: Updateable<TicketCategoriesTable>,
): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await tx
    .updateTable('ticket_categories')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Deletes a category; the database cascades to its children and sets tickets' category to null. */
export async function deleteCategoryRow(tx: Tx, workspaceId: number, id: number): Promise<boolean> {
  const res = await tx
    .deleteFrom('ticket_categories')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return res.numDeletedRows > 0n;
}

export async function priorityCodeExists(tx: Tx, workspaceId: number, code: string): Promise<boolean> {
  const row = await tx
    .selectFrom('ticket_priorities')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

export async function slaExists(tx: Tx, workspaceId: number, id: number): Promise<boolean> {
  const row = await tx
    .selectFrom('slas')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}
