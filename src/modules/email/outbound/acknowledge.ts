/**
 * Whether a new ticket's customer is sent an acknowledgement: its mailbox acknowledges (a workspace
 * without mailboxes does, for the web form's promise of an answer by mail), the ticket came from the web
 * form or its first inbound mail is 'normal' (never bulk, auto-replies or bounces), and the sender has
 * had fewer than the cap of acknowledgements in the last hour (two auto-responders must not ping-pong).
 * Decided for a batch of new tickets at once, with one statement per step.
 */
import { sql } from 'kysely';
import type { TicketChannel } from '../../../db/schema.js';
import { keyedWorkspace, type Tx } from '../../../db/tenant.js';
import type { Mailbox } from './queue-customer-mail.js';

export type AcknowledgementVerdict =
  { send: true } | { send: false; reason: 'mailbox' | 'channel' | 'classification' | 'cap' | 'no-ticket' };

export interface AcknowledgementCandidate {
  ticketId: number;
  mailbox: Mailbox | null;
  /** The ticket's channel and its customer's address; undefined when the ticket no longer exists. */
  ticket: { channel: TicketChannel; customer_email: string } | undefined;
}

/** The classification of each ticket's first inbound mail, with one statement. */
async function firstInboundClassifications(tx: Tx, workspaceId: number, ticketIds: number[]) {
  if (ticketIds.length === 0) return new Map<number, string>();
  const rows = await tx
    .selectFrom('inbound_emails')
    .distinctOn('ticket_id')
    .select(['ticket_id', 'classification'])
    .where('workspace_id', '=', keyedWorkspace(workspaceId))
    .where('ticket_id', 'in', ticketIds)
    .orderBy('ticket_id')
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  return new Map(rows.map((r) => [r.ticket_id as number, r.classification]));
}

/**
 * Acknowledgements to each address in the workspace during the last hour, the addresses locked first
 * (in one order, so two batches never wait on each other crosswise): two tickets of one sender handled
 * at once must not both pass the cap.
 */
async function recentAcknowledgements(
  tx: Tx,
  workspaceId: number,
  addresses: string[],
): Promise<Map<string, number>> {
  const keys = [...new Set(addresses)].sort();
  if (keys.length === 0) return new Map();
  await sql`SELECT pg_advisory_xact_lock(hashtext(k))
    FROM unnest(${keys.map((a) => `ack:${workspaceId}:${a}`)}::text[]) WITH ORDINALITY AS u(k, n)
    ORDER BY n`.execute(tx);
  // By the (workspace, lower(address), created_at) index: migration 0065's function, as lower() under
  // row-level security could not use it and read every acknowledgement the workspace ever sent.
  const rows = await sql<{ address: string; n: number }>`
    SELECT a AS address, support_acknowledgements_since(${workspaceId}, a, now() - interval '1 hour') AS n
    FROM unnest(${keys}::text[]) AS a`.execute(tx);
  return new Map(rows.rows.map((r) => [r.address, Number(r.n)]));
}

/** The verdict for each candidate, in order; earlier candidates of a sender count towards its cap. */
export async function acknowledgementVerdicts(
  tx: Tx,
  input: { workspaceId: number; capPerHour: number; candidates: readonly AcknowledgementCandidate[] },
): Promise<AcknowledgementVerdict[]> {
  const { workspaceId, candidates } = input;
  const early: (AcknowledgementVerdict | null)[] = candidates.map((c) => {
    if (c.mailbox && !c.mailbox.auto_acknowledge) return { send: false, reason: 'mailbox' };
    if (!c.ticket) return { send: false, reason: 'no-ticket' };
    if (c.ticket.channel !== 'email' && c.ticket.channel !== 'web') return { send: false, reason: 'channel' };
    return null;
  });
  // Only the mail tickets still in question have their first mail read.
  const byMail = candidates.flatMap((c, i) =>
    early[i] === null && c.ticket?.channel === 'email' ? [c.ticketId] : [],
  );
  const classifications = await firstInboundClassifications(tx, workspaceId, byMail);
  const verdicts = candidates.map(
    (c, i): AcknowledgementVerdict | null =>
      early[i] ??
      (c.ticket?.channel === 'email' && classifications.get(c.ticketId) !== 'normal'
        ? { send: false, reason: 'classification' }
        : null),
  );
  const addressOf = (c: AcknowledgementCandidate) => (c.ticket?.customer_email ?? '').toLowerCase();
  const recent = await recentAcknowledgements(
    tx,
    workspaceId,
    candidates.filter((_, i) => verdicts[i] === null).map(addressOf),
  );
  return candidates.map((c, i) => {
    const verdict = verdicts[i];
    if (verdict) return verdict;
    const address = addressOf(c);
    const sent = recent.get(address) ?? 0;
    if (sent >= input.capPerHour) return { send: false, reason: 'cap' };
    recent.set(address, sent + 1);
    return { send: true };
  });
}
