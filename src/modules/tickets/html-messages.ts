/**
 * The HTML part of the mails that became a ticket's messages (inbound_emails.html_body, sanitised when
 * the mail was processed), for staff: which messages have one, and one message's.
 */
import type { Tx } from '../../db/tenant.js';

function htmlOfTicket(tx: Tx, workspaceId: number, ticketId: number) {
  // By the message's ticket, not the mail's: a merge moves messages, the mail row keeps its old ticket.
  return tx
    .selectFrom('inbound_emails as e')
    .innerJoin('support_ticket_messages as m', (join) =>
      join.onRef('m.id', '=', 'e.message_row_id').onRef('m.workspace_id', '=', 'e.workspace_id'),
    )
    .where('e.workspace_id', '=', workspaceId)
    .where('m.ticket_id', '=', ticketId)
    .where('e.html_body', 'is not', null)
    .where('e.html_body', '<>', '');
}

/** The HTML of the mail that opened the ticket (its description; no message of its own), or null. */
export async function descriptionHtml(tx: Tx, workspaceId: number, ticketId: number): Promise<string | null> {
  const row = await tx
    .selectFrom('inbound_emails')
    .select('html_body')
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('message_row_id', 'is', null)
    .where('status', '=', 'processed')
    .where('html_body', 'is not', null)
    .where('html_body', '<>', '')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.html_body ?? null;
}

/** The ids of the ticket's messages that came with an HTML part. */
export async function htmlMessagesOf(tx: Tx, workspaceId: number, ticketId: number): Promise<Set<number>> {
  const rows = await htmlOfTicket(tx, workspaceId, ticketId).select('m.id').execute();
  return new Set(rows.map((r) => r.id));
}

/** The sanitised HTML of one message of the ticket, or null when it has none. */
export async function messageHtml(
  tx: Tx,
  workspaceId: number,
  ticketId: number,
  messageId: number,
): Promise<string | null> {
  const row = await htmlOfTicket(tx, workspaceId, ticketId)
    .where('m.id', '=', messageId)
    .select('e.html_body')
    .orderBy('e.id', 'desc')
    .executeTakeFirst();
  return row?.html_body ?? null;
}
