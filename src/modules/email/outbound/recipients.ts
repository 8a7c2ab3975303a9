/**
 * Who a ticket's customer mail goes to: its customer, and as Cc the other people on the mail that opened
 * or last continued the ticket (the From, To and Cc of its latest inbound mail), minus our own mailboxes
 * (with or without a reply token) and the customer.
 */
import { simpleParser, type AddressObject } from 'mailparser';
import type { Tx } from '../../../db/tenant.js';

const MAX_CC = 20;
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

export function isMailable(address: string): boolean {
  return address.length <= 254 && EMAIL.test(address);
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const out: string[] = [];
  const walk = (values: AddressObject['value']) => {
    for (const v of values) {
      if (v.address) out.push(v.address.trim());
      if (v.group) walk(v.group);
    }
  };
  for (const a of list) walk(a.value);
  return out;
}

/** `support+tok@x` → `support@x`: a reply address is its mailbox. */
function withoutTag(address: string): string {
  return address.toLowerCase().replace(/\+[^@]*@/, '@');
}

/** The Cc of the ticket's next customer mail. */
export async function ccOfTicket(
  tx: Tx,
  workspaceId: number,
  ticketId: number,
  customerEmail: string,
): Promise<string[]> {
  const latest = await tx
    .selectFrom('inbound_emails')
    .select('raw')
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('classification', 'in', ['normal', 'bulk'])
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return [];
  const parsed = await simpleParser(Buffer.from(latest.raw), {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
  });
  const ours = new Set(
    (await tx.selectFrom('mailboxes').select('address').execute()).map((m) => m.address.toLowerCase()),
  );
  const seen = new Set([customerEmail.toLowerCase()]);
  const cc: string[] = [];
  // A participant who wrote the latest mail (not the customer) is on the answer too: reply-all.
  for (const address of [...addresses(parsed.from), ...addresses(parsed.to), ...addresses(parsed.cc)]) {
    const lower = address.toLowerCase();
    if (seen.has(lower) || ours.has(withoutTag(lower)) || !isMailable(address)) continue;
    seen.add(lower);
    cc.push(address);
    if (cc.length === MAX_CC) break;
  }
  return cc;
}
