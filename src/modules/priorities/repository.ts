/** SQL for ticket priorities. Takes the transaction explicitly; no business rules here. */
import type { Insertable, Updateable } from 'kysely';
import type { TicketPrioritiesTable, TicketPriority } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { Cursor } from '../../platform/pagination.js';

/** A page of priorities in (order, id) order, fetching limit + 1 rows. */
export async function listPriorityRows(
  tx: Tx,
  workspaceId: number,
  options: { limit: number; cursor: Cursor | null },
): Promise<TicketPriority[]> {
  let q = tx.selectFrom('ticket_priorities').selectAll().where('workspace_id', '=', workspaceId);
  const cursor = options.cursor;
  if (cursor) q = q.where((eb) => eb(eb.refTuple('order', 'id'), '>', eb.tuple(Number(cursor.v), cursor.id)));
  return q
    .orderBy('order')
    .orderBy('id')
    .limit(options.limit + 1)
    .execute();
}

export async function codeTaken(tx: Tx, workspaceId: number, code: string): Promise<boolean> {
  const row = await tx
    .selectFrom('ticket_priorities')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

/** The workspace's default priority code (used when a ticket names none). */
export async function defaultPriorityCode(tx: Tx, workspaceId: number): Promise<string> {
  const row = await tx
    .selectFrom('workspaces')
    .select('default_priority')
    .where('id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return row.default_priority;
}

export async function insertPriority(
  tx: Tx,
  values: Insertable<TicketPrioritiesTable>,
): Promise<TicketPriority> {
  return tx.insertInto('ticket_priorities').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updatePriorityRow(
  tx: Tx,
  workspaceId: number,
  id: number,
  values: Updateable<TicketPrioritiesTable>,
): Promise<TicketPriority> {
  if (Object.keys(values).length === 0) {
    return tx
      .selectFrom('ticket_priorities')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }
  return tx
    .updateTable('ticket_priorities')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** How many tickets and categories refer to the priority (tickets by id, categories by code). */
export async function priorityUsage(
  tx: Tx,
  workspaceId: number,
  priority: { id: number; code: string },
): Promise<{ tickets: number; categories: number }> {
  const tickets = await tx
    .selectFrom('support_tickets')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('priority_id', '=', priority.id)
    .executeTakeFirstOrThrow();
  const categories = await tx
    .selectFrom('ticket_categories')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('default_priority', '=', priority.code)
    .executeTakeFirstOrThrow();
  return { tickets: Number(tickets.n), categories: Number(categories.n) };
}

export async function deletePriorityRow(tx: Tx, workspaceId: number, id: number): Promise<void> {
  await tx
    .deleteFrom('ticket_priorities')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}
