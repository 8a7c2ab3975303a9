/** SQL of mailboxes (migrations 0021, 0022). Takes the transaction; no business rules. */
import type { Mailbox } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import type { Cursor } from '../../../platform/pagination.js';
import type { Insertable, Updateable } from 'kysely';
import type { DB } from '../../../db/schema.js';

export type MailboxValues = Updateable<DB['mailboxes']>;

export async function findMailbox(tx: Tx, workspaceId: number, id: number): Promise<Mailbox | undefined> {
  return tx
    .selectFrom('mailboxes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listMailboxRows(
  tx: Tx,
  workspaceId: number,
  page: { limit: number; cursor: Cursor | null },
): Promise<Mailbox[]> {
  let q = tx.selectFrom('mailboxes').selectAll().where('workspace_id', '=', workspaceId);
  if (page.cursor) q = q.where('id', '>', page.cursor.id);
  return q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

/** Inserts the mailbox; undefined when the address is taken (in any workspace). */
export async function insertMailbox(
  tx: Tx,
  values: Insertable<DB['mailboxes']>,
): Promise<Mailbox | undefined> {
  return tx
    .insertInto('mailboxes')
    .values(values)
    .onConflict((oc) => oc.column('address').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateMailboxRow(
  tx: Tx,
  workspaceId: number,
  id: number,
  values: MailboxValues,
): Promise<Mailbox | undefined> {
  return tx
    .updateTable('mailboxes')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteMailboxRow(tx: Tx, workspaceId: number, id: number): Promise<boolean> {
  const res = await tx
    .deleteFrom('mailboxes')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/** Whether a row with this id exists in the workspace (default category, team, priority). */
export async function refExists(
  tx: Tx,
  table: 'ticket_categories' | 'support_teams' | 'ticket_priorities',
  workspaceId: number,
  id: number,
): Promise<boolean> {
  const row = await tx
    .selectFrom(table)
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records the outcome of a connection test or an IMAP poll on the mailbox. */
export async function recordMailboxState(
  tx: Tx,
  workspaceId: number,
  id: number,
  state: { ok: boolean; error: string; at: Date },
): Promise<void> {
  await tx
    .updateTable('mailboxes')
    .set({
      state: state.ok ? 'ok' : 'error',
      last_error: state.error.slice(0, 2000),
      last_checked_at: state.at,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}
