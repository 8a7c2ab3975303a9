/** SQL for the tag admin. Takes the transaction explicitly; no business rules here. */
import type { Insertable, Updateable } from 'kysely';
import type { TicketTag, TicketTagsTable } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { Cursor } from '../../platform/pagination.js';

/** A tag by id or slug. */
export async function findTagByRef(tx: Tx, workspaceId: number, ref: string | number) {
  const q = tx.selectFrom('ticket_tags').selectAll().where('workspace_id', '=', workspaceId);
  return typeof ref === 'number' || /^\d+$/.test(ref)
    ? q.where('id', '=', Number(ref)).executeTakeFirst()
    : q.where('slug', '=', ref).executeTakeFirst();
}

/** A page of tags in (name, id) order, fetching limit + 1 rows. */
export async function listTagRows(
  tx: Tx,
  workspaceId: number,
  options: { limit: number; cursor: Cursor | null },
): Promise<TicketTag[]> {
  let q = tx.selectFrom('ticket_tags').selectAll().where('workspace_id', '=', workspaceId);
  const cursor = options.cursor;
  if (cursor) q = q.where((eb) => eb(eb.refTuple('name', 'id'), '>', eb.tuple(String(cursor.v), cursor.id)));
  return q
    .orderBy('name')
    .orderBy('id')
    .limit(options.limit + 1)
    .execute();
}

export async function tagSlugTaken(tx: Tx, workspaceId: number, slug: string): Promise<boolean> {
  const row = await tx
    .selectFrom('ticket_tags')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertTag(tx: Tx, values: Insertable<TicketTagsTable>): Promise<TicketTag> {
  return tx.insertInto('ticket_tags').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateTagRow(
  tx: Tx,
  workspaceId: number,
  id: number,
  values: Updateable<TicketTagsTable>,
): Promise<TicketTag> {
  const q = tx
    .selectFrom('ticket_tags')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id);
  if (Object.keys(values).length === 0) return q.executeTakeFirstOrThrow();
  return tx
    .updateTable('ticket_tags')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Deletes a tag; the database removes it from every ticket (CASCADE). */
export async function deleteTagRow(tx: Tx, workspaceId: number, id: number): Promise<void> {
  await tx.deleteFrom('ticket_tags').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}
