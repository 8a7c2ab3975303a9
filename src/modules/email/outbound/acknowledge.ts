/**
 * Whether a new ticket's customer is sent an acknowledgement: its mailbox acknowledges (a workspace
 * without mailboxes does, for the web form's promise of an answer by mail), the ticket came from the web
 * form or its first inbound mail is 'normal' (never bulk, auto-replies or bounces), and the sender has
 * had fewer than the cap of acknowledgements in the last hour (two auto-responders must not ping-pong).
 */
import { sql } from 'kysely';
import type { Tx } from '../../../db/tenant.js';
import type { Mailbox } from './queue-customer-mail.js';

export type AcknowledgementVerdict =
  { send: true } | { send: false; reason: 'mailbox' | 'channel' | 'classification' | 'cap' | 'no-ticket' };

async function firstInboundClassification(tx: Tx, workspaceId: number, ticketId: number) {
  const first = await tx
    .selectFrom('inbound_emails')
    .select('classification')
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .orderBy('received_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return first?.classification ?? null;
}

/** Acknowledgements to `address` in the workspace during the last hour (serialised per address). */
async function recentAcknowledgements(tx: Tx, workspaceId: number, address: string): Promise<number> {
  const lower = address.toLowerCase();
  // Two tickets of one sender handled at once must not both pass the cap.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`ack:${workspaceId}:${lower}`}))`.execute(tx);
  // By the (workspace, lower(address), created_at) index: migration 0065's function, as lower() under
  // row-level security could not use it and read every acknowledgement the workspace ever sent.
  const row = await sql<{ n: number }>`
    SELECT support_acknowledgements_since(${workspaceId}, ${lower}, now() - interval '1 hour') AS n`.execute(
    tx,
  );
  return Number(row.rows[0]?.n ?? 0);
}

export async function acknowledgementVerdict(
  tx: Tx,
  input: { workspaceId: number; ticketId: number; mailbox: Mailbox | null; capPerHour: number },
): Promise<AcknowledgementVerdict> {
  const { workspaceId, ticketId, mailbox } = input;
  if (mailbox && !mailbox.auto_acknowledge) return { send: false, reason: 'mailbox' };
  const ticket = await tx
    .selectFrom('support_tickets as t')
    .innerJoin('customers as c', 'c.id', 't.customer_id')
    .select(['t.channel', 'c.email'])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.id', '=', ticketId)
    .executeTakeFirst();
  if (!ticket) return { send: false, reason: 'no-ticket' };
  if (ticket.channel === 'email') {
    const classification = await firstInboundClassification(tx, workspaceId, ticketId);
    if (classification !== 'normal') return { send: false, reason: 'classification' };
  } else if (ticket.channel !== 'web') return { send: false, reason: 'channel' };
  if ((await recentAcknowledgements(tx, workspaceId, ticket.email)) >= input.capPerHour) {
    return { send: false, reason: 'cap' };
  }
  return { send: true };
}
