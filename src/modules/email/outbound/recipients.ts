/**
 * Who a ticket's customer mail goes to: its customer, and as Cc the other people on the mail that opened
 * or last continued the ticket (the From, To and Cc of its latest inbound mail), minus our own mailboxes
 * (with or without a reply token) and the customer.
 */
import { sql } from 'kysely';
import addressparser from 'nodemailer/lib/addressparser';
import { keyedWorkspace, type Tx } from '../../../db/tenant.js';
import { rawHeaderFields } from '../inbound/raw-headers.js';

const MAX_CC = 20;
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

export function isMailable(address: string): boolean {
  return address.length <= 254 && EMAIL.test(address);
}

/** The addresses of an address header (groups flattened), as written. */
function addresses(value: string | undefined): string[] {
  if (!value) return [];
  return addressparser(value, { flatten: true }).flatMap((a) => (a.address ? [a.address.trim()] : []));
}

/** `support+tok@x` → `support@x`: a reply address is its mailbox. */
function withoutTag(address: string): string {
  return address.toLowerCase().replace(/\+[^@]*@/, '@');
}

/** The header block read of a ticket's latest mail: its addresses are in it (a 20 MB body is not read). */
const HEADER_BYTES = 256 * 1024;

/**
 * The Cc of the tickets' next customer mails, read for all of them with two statements (the latest
 * mail of each, its header block only, and the workspace's mailboxes).
 */
export async function ccOfTickets(
  tx: Tx,
  workspaceId: number,
  tickets: readonly { id: number; customerEmail: string }[],
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>(tickets.map((t) => [t.id, []]));
  const ids = [...out.keys()];
  if (ids.length === 0) return out;
  const latest = await tx
    .selectFrom('inbound_emails')
    .distinctOn('ticket_id')
    .select(['ticket_id', sql<Buffer>`substring(raw from 1 for ${HEADER_BYTES})`.as('head')])
    .where('workspace_id', '=', keyedWorkspace(workspaceId))
    .where('ticket_id', 'in', ids)
    .where('classification', 'in', ['normal', 'bulk'])
    .orderBy('ticket_id')
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  if (latest.length === 0) return out;
  const ours = new Set(
    (
      await tx.selectFrom('mailboxes').select('address').where('workspace_id', '=', workspaceId).execute()
    ).map((m) => m.address.toLowerCase()),
  );
  const headsOf = new Map(latest.map((l) => [l.ticket_id, l.head]));
  for (const ticket of tickets) {
    const head = headsOf.get(ticket.id);
    if (!head) continue;
    // UTF-8: an address may be internationalised (SMTPUTF8).
    const fields = rawHeaderFields(Buffer.from(head), 'utf8');
    const seen = new Set([ticket.customerEmail.toLowerCase()]);
    const cc: string[] = [];
    // A participant who wrote the latest mail (not the customer) is on the answer too: reply-all.
    const all = ['from', 'to', 'cc'].flatMap((name) =>
      fields.filter((f) => f.name === name).flatMap((f) => addresses(f.value)),
    );
    for (const address of all) {
      const lower = address.toLowerCase();
      if (seen.has(lower) || ours.has(withoutTag(lower)) || !isMailable(address)) continue;
      seen.add(lower);
      cc.push(address);
      if (cc.length === MAX_CC) break;
    }
    out.set(ticket.id, cc);
  }
  return out;
}
