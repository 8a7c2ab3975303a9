/** SQL of inbound_receipts (migration 0017): what each channel already delivered, by its external id. */
import type { InboundReceipt, TicketChannel } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';

export interface ReceiptKey {
  workspaceId: number;
  channel: TicketChannel;
  externalId: string;
}

/**
 * Claims the external id for this delivery: true when this transaction inserted the receipt. When
 * another transaction holds the same key uncommitted, PostgreSQL makes this wait for it, so a concurrent
 * duplicate sees the first delivery's receipt (false) once that commits, or claims it if that rolled back.
 */
export async function claimReceipt(tx: Tx, key: ReceiptKey, now: Date): Promise<boolean> {
  const row = await tx
    .insertInto('inbound_receipts')
    .values({
      workspace_id: key.workspaceId,
      channel: key.channel,
      external_id: key.externalId,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'channel', 'external_id']).doNothing())
    .returning('external_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findReceipt(tx: Tx, key: ReceiptKey): Promise<InboundReceipt | undefined> {
  return tx
    .selectFrom('inbound_receipts')
    .selectAll()
    .where('workspace_id', '=', key.workspaceId)
    .where('channel', '=', key.channel)
    .where('external_id', '=', key.externalId)
    .executeTakeFirst();
}

/** Records what the claimed delivery became. */
export async function completeReceipt(
  tx: Tx,
  key: ReceiptKey,
  result: { ticketId: number; messageId: number | null },
): Promise<void> {
  await tx
    .updateTable('inbound_receipts')
    .set({ ticket_id: result.ticketId, message_id: result.messageId })
    .where('workspace_id', '=', key.workspaceId)
    .where('channel', '=', key.channel)
    .where('external_id', '=', key.externalId)
    .execute();
}
