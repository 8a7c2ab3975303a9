import type { Tx } from '../../db/tenant.js';

/**
 * The next `count` numbers `<PREFIX>-<n>` of the workspace, consecutive, in one statement. The UPDATE
 * takes the workspace row's lock, so concurrent creates are serialised on it and never see the same n; a
 * rolled-back create leaves a gap, never a duplicate.
 */
export async function nextTicketNumbers(tx: Tx, workspaceId: number, count: number): Promise<string[]> {
  if (count < 1) return [];
  const row = await tx
    .updateTable('workspaces')
    .set((eb) => ({ next_ticket_number: eb('next_ticket_number', '+', count) }))
    .where('id', '=', workspaceId)
    .returning(['next_ticket_number', 'ticket_prefix'])
    .executeTakeFirstOrThrow();
  const first = row.next_ticket_number - count;
  return Array.from({ length: count }, (_, i) => `${row.ticket_prefix}-${first + i}`);
}
