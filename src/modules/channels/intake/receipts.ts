/** SQL of inbound_receipts (migration 0017): what each channel already delivered, by its external id. */
import { sql } from 'kysely';
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
  return (await claimReceipts(tx, key.workspaceId, key.channel, [key.externalId], now)).has(key.externalId);
}

/**
 * claimReceipt for several external ids of one workspace and channel in one statement: returns the ids
 * this transaction claimed (the others were delivered before, or are being delivered).
 */
export async function claimReceipts(
  tx: Tx,
  workspaceId: number,
  channel: TicketChannel,
  externalIds: string[],
  now: Date,
): Promise<Set<string>> {
  if (externalIds.length === 0) return new Set();
  const rows = await tx
    .insertInto('inbound_receipts')
    .values(
      externalIds.map((externalId) => ({
        workspace_id: workspaceId,
        channel,
        external_id: externalId,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['workspace_id', 'channel', 'external_id']).doNothing())
    .returning('external_id')
    .execute();
  return new Set(rows.map((r) => r.external_id));
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
  await completeReceipts(tx, key.workspaceId, key.channel, [{ externalId: key.externalId, ...result }]);
}

/** completeReceipt for several deliveries of one workspace and channel in one statement. */
export async function completeReceipts(
  tx: Tx,
  workspaceId: number,
  channel: TicketChannel,
  results: { externalId: string; ticketId: number; messageId: number | null }[],
): Promise<void> {
  if (results.length === 0) return;
  const values = results.map((r) => ({ e: r.externalId, t: r.ticketId, m: r.messageId }));
  await sql`
    UPDATE inbound_receipts r SET ticket_id = v.t, message_id = v.m
    FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v (e text, t bigint, m bigint)
    WHERE r.workspace_id = ${workspaceId} AND r.channel = ${channel} AND r.external_id = v.e`.execute(tx);
}
