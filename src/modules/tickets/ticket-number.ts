import type { Tx } from '../../db/tenant.js';

/**
 * The next `<PREFIX>-<n>` of the workspace. The UPDATE takes the workspace row's lock, so concurrent
 * creates are serialised on it and never see the same n; a rolled-back create leaves a gap, never a
 * duplicate.
 */
export async function nextTicketNumber(tx: Tx, workspaceId: number): Promise<string> {
  const row = await tx
    .updateTable('workspaces')
    .set((eb) => ({ next_ticket_number: eb('next_ticket_number', '+', 1) }))
    .where('id', '=', workspaceId)
    .returning(['next_ticket_number', 'ticket_prefix'])
    .executeTakeFirstOrThrow();
  return `${row.ticket_prefix}-${row.next_ticket_number - 1}`;
}
