/** SQL for tickets. Takes the transaction explicitly; no business rules here. */
import type { SupportTicket } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';

/** `{id}` in the API is a ticket's id or its ticket number. */
export function parseTicketRef(ref: string | number): { id: number } | { number: string } {
  if (typeof ref === 'number') return { id: ref };
  return /^\d{1,15}$/.test(ref) ? { id: Number(ref) } : { number: ref.trim().toUpperCase() };
}

/** A ticket by id or ticket number. */
export async function findTicket(
  tx: Tx,
  workspaceId: number,
  ref: string | number,
): Promise<SupportTicket | undefined> {
  const q = tx.selectFrom('support_tickets').selectAll().where('workspace_id', '=', workspaceId);
  const r = parseTicketRef(ref);
  return 'id' in r
    ? q.where('id', '=', r.id).executeTakeFirst()
    : q.where('ticket_number', '=', r.number).executeTakeFirst();
}

/**
 * The same, locking the row for an update in this transaction: NO KEY UPDATE, as an UPDATE of its
 * non-key columns would, so that foreign-key checks of rows referencing the ticket do not wait for us.
 */
export async function findTicketForUpdate(
  tx: Tx,
  workspaceId: number,
  ref: string | number,
): Promise<SupportTicket | undefined> {
  const q = tx
    .selectFrom('support_tickets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .forNoKeyUpdate();
  const r = parseTicketRef(ref);
  return 'id' in r
    ? q.where('id', '=', r.id).executeTakeFirst()
    : q.where('ticket_number', '=', r.number).executeTakeFirst();
}

export async function findCategoryByRef(tx: Tx, workspaceId: number, ref: string | number) {
  const q = tx.selectFrom('ticket_categories').selectAll().where('workspace_id', '=', workspaceId);
  return typeof ref === 'number' || /^\d+$/.test(ref)
    ? q.where('id', '=', Number(ref)).executeTakeFirst()
    : q.where('slug', '=', ref).executeTakeFirst();
}

export async function findPriorityByRef(tx: Tx, workspaceId: number, ref: string | number) {
  const q = tx.selectFrom('ticket_priorities').selectAll().where('workspace_id', '=', workspaceId);
  return typeof ref === 'number' || /^\d+$/.test(ref)
    ? q.where('id', '=', Number(ref)).executeTakeFirst()
    : q.where('code', '=', ref).executeTakeFirst();
}

/** The first active priority in display order (the fallback when the configured default is missing). */
export async function firstActivePriority(tx: Tx, workspaceId: number) {
  return tx
    .selectFrom('ticket_priorities')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('is_active', '=', true)
    .orderBy('order')
    .orderBy('id')
    .executeTakeFirst();
}
