/** SQL of inbound_emails and ticket_email_participants (migrations 0003, 0021, 0022). */
import type { InboundEmail, InboundEmailClassification } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import { announceMailStatus } from '../../../platform/mail/announce-status.js';

/** The stored mail, locked for this transaction (one processor at a time). */
export async function lockInboundEmail(
  tx: Tx,
  workspaceId: number,
  id: number,
): Promise<InboundEmail | undefined> {
  return tx
    .selectFrom('inbound_emails')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The given mails still waiting to be processed, locked, oldest first; rows locked elsewhere are skipped. */
export async function lockReceivedEmails(
  tx: Tx,
  workspaceId: number,
  ids: number[],
): Promise<InboundEmail[]> {
  if (ids.length === 0) return [];
  return tx
    .selectFrom('inbound_emails')
    .selectAll()
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
): Promise<InboundEmail | undefined> {
  return tx
    .selectFrom('inbound_emails')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
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

export async function recordOutcome(tx: Tx, row: InboundEmail, outcome: Outcome, now: Date): Promise<void> {
  await tx
    .updateTable('inbound_emails')
    .set({
      status: outcome.status,
      error: (outcome.error ?? '').slice(0, 4000),
      attempts: row.attempts + 1,
      processed_at: now,
      ...(outcome.classification ? { classification: outcome.classification } : {}),
      ...(outcome.ticketId !== undefined ? { ticket_id: outcome.ticketId } : {}),
      ...(outcome.messageRowId !== undefined ? { message_row_id: outcome.messageRowId } : {}),
      ...(outcome.html !== undefined ? { html_body: outcome.html } : {}),
      ...(outcome.folded !== undefined ? { folded_text: outcome.folded } : {}),
    })
    .where('workspace_id', '=', row.workspace_id)
    .where('id', '=', row.id)
    .execute();
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
