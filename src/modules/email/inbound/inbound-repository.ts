/** SQL of inbound_emails and ticket_email_participants (migrations 0003, 0021, 0022). */
import { sql } from 'kysely';
import type { InboundEmail, InboundEmailClassification } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import { announceMailStatus } from '../../../platform/mail/announce-status.js';

/**
 * A stored mail as processing reads it: every column but the raw bytes, which are read apart and only
 * when needed (rawsOf) — most mails were read ahead as they were stored (mail-reader.ts).
 */
export type StoredMail = Omit<InboundEmail, 'raw'>;
const STORED_COLUMNS = Object.keys({
  id: true,
  workspace_id: true,
  mailbox: true,
  message_id: true,
  status: true,
  error: true,
  ticket_id: true,
  received_at: true,
  processed_at: true,
  classification: true,
  mailbox_id: true,
  source: true,
  envelope_to: true,
  attempts: true,
  message_row_id: true,
  html_body: true,
  folded_text: true,
} satisfies Record<keyof StoredMail, true>) as (keyof StoredMail)[];

/** The stored mail, locked for this transaction (one processor at a time). */
export async function lockInboundEmail(
  tx: Tx,
  workspaceId: number,
  id: number,
): Promise<StoredMail | undefined> {
  return tx
    .selectFrom('inbound_emails')
    .select(STORED_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The given mails still waiting to be processed, locked, oldest first; rows locked elsewhere are skipped. */
export async function lockReceivedEmails(tx: Tx, workspaceId: number, ids: number[]): Promise<StoredMail[]> {
  if (ids.length === 0) return [];
  return tx
    .selectFrom('inbound_emails')
    .select(STORED_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .where('status', '=', 'received')
    .orderBy('id')
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function findInboundEmail(
  tx: Tx,
  workspaceId: number,
  id: number,
): Promise<StoredMail | undefined> {
  return tx
    .selectFrom('inbound_emails')
    .select(STORED_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The raw bytes of the given stored mails, by id (an id not found is not in the map). */
export async function rawsOf(tx: Tx, workspaceId: number, ids: number[]): Promise<Map<number, Uint8Array>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .selectFrom('inbound_emails')
    .select(['id', 'raw'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.raw]));
}

export interface Outcome {
  status: 'processed' | 'ignored' | 'failed';
  classification?: InboundEmailClassification;
  ticketId?: number | null;
  messageRowId?: number | null;
  html?: string | null;
  folded?: string;
  error?: string;
}

export async function recordOutcome(tx: Tx, row: StoredMail, outcome: Outcome, now: Date): Promise<void> {
  await recordOutcomes(tx, [{ row, outcome, now }]);
}

/** What several stored mails became, in one statement (fields an outcome leaves out stay as they are). */
export async function recordOutcomes(
  tx: Tx,
  items: { row: StoredMail; outcome: Outcome; now: Date }[],
): Promise<void> {
  if (items.length === 0) return;
  const values = items.map(({ row, outcome, now }) => ({
    workspace_id: row.workspace_id,
    id: row.id,
    status: outcome.status,
    error: (outcome.error ?? '').slice(0, 4000),
    processed_at: now.toISOString(),
    classification: outcome.classification ?? null,
    set_ticket: outcome.ticketId !== undefined,
    ticket_id: outcome.ticketId ?? null,
    set_message: outcome.messageRowId !== undefined,
    message_row_id: outcome.messageRowId ?? null,
    set_html: outcome.html !== undefined,
    html: outcome.html ?? null,
    set_folded: outcome.folded !== undefined,
    folded: outcome.folded ?? null,
  }));
  await sql`
    UPDATE inbound_emails e SET
      status = v.status,
      error = v.error,
      attempts = e.attempts + 1,
      processed_at = v.processed_at,
      classification = COALESCE(v.classification, e.classification),
      ticket_id = CASE WHEN v.set_ticket THEN v.ticket_id ELSE e.ticket_id END,
      message_row_id = CASE WHEN v.set_message THEN v.message_row_id ELSE e.message_row_id END,
      html_body = CASE WHEN v.set_html THEN v.html ELSE e.html_body END,
      folded_text = CASE WHEN v.set_folded THEN v.folded ELSE e.folded_text END
    FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v (
      workspace_id bigint, id bigint, status text, error text, processed_at timestamptz, classification text,
      set_ticket boolean, ticket_id bigint, set_message boolean, message_row_id bigint,
      set_html boolean, html text, set_folded boolean, folded text)
    WHERE e.workspace_id = v.workspace_id AND e.id = v.id`.execute(tx);
}

/** The Message-ID as the messages' column (email_message_id, 255 characters) keeps it. */
export function messageIdColumn(messageId: string): string {
  return messageId.slice(0, 255);
}

/** Records the Message-ID of the mail each message came from, in one statement. */
export async function setEmailMessageIds(
  tx: Tx,
  workspaceId: number,
  items: { messageRowId: number; messageId: string }[],
): Promise<void> {
  if (items.length === 0) return;
  const values = items.map((i) => ({ id: i.messageRowId, mid: messageIdColumn(i.messageId) }));
  await sql`
    UPDATE support_ticket_messages m SET email_message_id = v.mid
    FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v (id bigint, mid text)
    WHERE m.workspace_id = ${workspaceId} AND m.id = v.id`.execute(tx);
}

export async function mailboxAddresses(tx: Tx, workspaceId: number): Promise<string[]> {
  const rows = await tx
    .selectFrom('mailboxes')
    .select('address')
    .where('workspace_id', '=', workspaceId)
    .execute();
  return rows.map((r) => r.address);
}

export async function addParticipants(
  tx: Tx,
  workspaceId: number,
  ticketId: number,
  emails: string[],
  now: Date,
) {
  if (emails.length === 0) return;
  await tx
    .insertInto('ticket_email_participants')
    .values(
      emails.map((email) => ({ workspace_id: workspaceId, ticket_id: ticketId, email, created_at: now })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Marks the outbound mail a DSN names as bounced; returns its ticket, or undefined when none matched. */
export async function markBounced(
  tx: Tx,
  workspaceId: number,
  messageIds: string[],
  reason: string,
  now: Date,
): Promise<{ id: number; ticket_id: number | null } | undefined> {
  if (messageIds.length === 0) return undefined;
  const row = await tx
    .updateTable('outbound_emails')
    .set({ status: 'bounced', bounced_at: now, bounce_reason: reason })
    .where('workspace_id', '=', workspaceId)
    .where('message_id', 'in', messageIds)
    .returning(['id', 'ticket_id', 'message_row_id', 'status'])
    .executeTakeFirst();
  // The desk shows the bounce on the reply live.
  if (row) await announceMailStatus(tx, workspaceId, row.id, row);
  return row && { id: row.id, ticket_id: row.ticket_id };
}
