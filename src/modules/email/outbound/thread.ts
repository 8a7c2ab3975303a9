/**
 * What makes a customer's mail client thread our mail and send the answer back to the right ticket: the
 * mailbox it goes out from, the ticket's reply token and Reply-To address (`<local>+<token>@<domain>`),
 * and the In-Reply-To/References chain of the ticket's earlier mail, in and out.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { MailboxesTable } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';

type Mailbox = Selectable<MailboxesTable>;

/** Our X-Loop value: mail carrying it came from us and must never be answered automatically. */
export const X_LOOP_ID = 'bfg2-support';

/** The customer mails of a ticket (what its thread is made of; staff notices are not part of it). */
export const CUSTOMER_MAIL_KINDS = ['acknowledgement', 'reply', 'resolved'] as const;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
/** References kept: the first mail of the thread and the latest ones (RFC 5322 advises trimming). */
const MAX_REFERENCES = 20;

/** 16 lowercase base32 characters (80 random bits). */
export function newReplyToken(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** The ticket's reply token, made (and kept) on its first outbound mail. */
export async function ensureReplyToken(tx: Tx, workspaceId: number, ticketId: number): Promise<string> {
  const row = await tx
    .updateTable('support_tickets')
    .set({ reply_token: sql<string>`coalesce(reply_token, ${newReplyToken()})` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', ticketId)
    .returning('reply_token')
    .executeTakeFirstOrThrow();
  return row.reply_token ?? '';
}

/** `support@shop.test` + token → `support+token@shop.test`. */
export function replyAddress(mailboxAddress: string, token: string): string {
  const at = mailboxAddress.lastIndexOf('@');
  return `${mailboxAddress.slice(0, at)}+${token}${mailboxAddress.slice(at)}`;
}

/** `"Shop Support" <support@shop.test>`, the name quoted (nodemailer encodes what is not ASCII). */
export function mailboxSender(mailbox: Pick<Mailbox, 'display_name' | 'address'>, address = mailbox.address) {
  const name = mailbox.display_name.trim();
  return name ? `"${name.replace(/["\\]/g, '\\$&')}" <${address}>` : address;
}

export function domainOf(address: string): string | null {
  const match = /@([^\s>@]+)>?\s*$/.exec(address);
  return match?.[1]?.toLowerCase() ?? null;
}

/**
 * The mailbox a ticket's mail goes out from: the one it came in to, else the workspace's first active
 * mailbox (a web-form ticket), else none (the installation's MAIL_FROM, and no reply address).
 */
export async function mailboxOfTicket(
  tx: Tx,
  workspaceId: number,
  mailboxId: number | null,
): Promise<Mailbox | null> {
  if (mailboxId !== null) {
    const own = await tx
      .selectFrom('mailboxes')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', mailboxId)
      .executeTakeFirst();
    if (own) return own;
  }
  const first = await tx
    .selectFrom('mailboxes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('is_active', '=', true)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return first ?? null;
}

export interface ThreadHeaders {
  'In-Reply-To'?: string;
  References?: string;
}

/**
 * In-Reply-To (the newest mail of the ticket's thread) and References (the thread's Message-IDs, oldest
 * first, the first and the latest kept when long): the ticket's inbound mail and our customer mails.
 */
export async function threadHeaders(tx: Tx, workspaceId: number, ticketId: number): Promise<ThreadHeaders> {
  const rows = await tx
    .selectFrom('inbound_emails')
    .select(['message_id', 'received_at as at', 'id'])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .unionAll(
      tx
        .selectFrom('outbound_emails')
        .select(['message_id', 'created_at as at', 'id'])
        .where('workspace_id', '=', workspaceId)
        .where('ticket_id', '=', ticketId)
        .where('kind', 'in', CUSTOMER_MAIL_KINDS),
    )
    .orderBy('at')
    .orderBy('id')
    .execute();
  const ids: string[] = [];
  for (const r of rows) {
    const id = r.message_id.trim();
    if (/^<[^<>\s]+>$/.test(id) && !ids.includes(id)) ids.push(id);
  }
  if (ids.length === 0) return {};
  const kept = ids.length > MAX_REFERENCES ? [ids[0]!, ...ids.slice(-(MAX_REFERENCES - 1))] : ids;
  return { 'In-Reply-To': ids[ids.length - 1]!, References: kept.join(' ') };
}
