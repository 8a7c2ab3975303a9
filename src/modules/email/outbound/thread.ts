/**
 * What makes a customer's mail client thread our mail and send the answer back to the right ticket: the
 * mailbox it goes out from, the ticket's reply token and Reply-To address (`<local>+<token>@<domain>`),
 * and the In-Reply-To/References chain of the ticket's earlier mail, in and out.
 */
import { sql, type Selectable } from 'kysely';
import type { MailboxesTable } from '../../../db/schema.js';
import { keyedWorkspace, type Tx } from '../../../db/tenant.js';
import { newReplyToken } from '../../tickets/index.js';

type Mailbox = Selectable<MailboxesTable>;

/** Our X-Loop value: mail carrying it came from us and must never be answered automatically. */
export const X_LOOP_ID = 'bfg2-support';

/** The customer mails of a ticket (what its thread is made of; staff notices are not part of it). */
export const CUSTOMER_MAIL_KINDS = ['acknowledgement', 'reply', 'resolved'] as const;

/** References kept: the first mail of the thread and the latest ones (RFC 5322 advises trimming). */
const MAX_REFERENCES = 20;

/**
 * The reply tokens of tickets that have none yet (made before every ticket got one on creation), made
 * and kept in one statement; returns each ticket's token.
 */
export async function ensureReplyTokens(
  tx: Tx,
  workspaceId: number,
  ticketIds: readonly number[],
): Promise<Map<number, string>> {
  const ids = [...new Set(ticketIds)];
  if (ids.length === 0) return new Map();
  const tokens = ids.map(() => newReplyToken());
  const { rows } = await sql<{ id: number; reply_token: string }>`
    UPDATE support_tickets t SET reply_token = coalesce(t.reply_token, v.token)
    FROM unnest(${ids}::bigint[], ${tokens}::text[]) AS v(id, token)
    WHERE t.workspace_id = ${workspaceId} AND t.id = v.id
    RETURNING t.id, t.reply_token`.execute(tx);
  return new Map(rows.map((r) => [Number(r.id), r.reply_token]));
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
 * The mailbox a ticket's mail goes out from, for several tickets' mailbox ids (null: none) with one
 * statement (the workspace's mailboxes): the one it came in to, else the workspace's first active
 * mailbox (a web-form ticket), else none (the installation's MAIL_FROM, and no reply address). Keyed by
 * the id asked for.
 */
export async function mailboxesOf(
  tx: Tx,
  workspaceId: number,
  mailboxIds: readonly (number | null)[],
): Promise<Map<number | null, Mailbox | null>> {
  const all = await tx
    .selectFrom('mailboxes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
  const firstActive = all.find((m) => m.is_active) ?? null;
  const out = new Map<number | null, Mailbox | null>();
  for (const id of mailboxIds) out.set(id, all.find((m) => m.id === id) ?? firstActive);
  return out;
}

export interface ThreadHeaders {
  'In-Reply-To'?: string;
  References?: string;
}

/**
 * The Message-IDs of each ticket's thread, oldest first: its inbound mail and our customer mails, read
 * for all the tickets with one statement.
 */
export async function threadsOf(
  tx: Tx,
  workspaceId: number,
  ticketIds: readonly number[],
): Promise<Map<number, string[]>> {
  const ids = [...new Set(ticketIds)];
  const out = new Map<number, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await tx
    .selectFrom('inbound_emails')
    .select(['ticket_id', 'message_id', 'received_at as at', 'id'])
    .where('workspace_id', '=', keyedWorkspace(workspaceId))
    .where('ticket_id', 'in', ids)
    .unionAll(
      tx
        .selectFrom('outbound_emails')
        .select(['ticket_id', 'message_id', 'created_at as at', 'id'])
        .where('workspace_id', '=', keyedWorkspace(workspaceId))
        .where('ticket_id', 'in', ids)
        .where('kind', 'in', CUSTOMER_MAIL_KINDS),
    )
    .orderBy('at')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const thread = r.ticket_id === null ? undefined : out.get(r.ticket_id);
    const id = r.message_id.trim();
    if (thread && /^<[^<>\s]+>$/.test(id) && !thread.includes(id)) thread.push(id);
  }
  return out;
}

/**
 * In-Reply-To (the newest mail of the thread) and References (the thread's Message-IDs, oldest first,
 * the first and the latest kept when long).
 */
export function threadHeaders(thread: readonly string[]): ThreadHeaders {
  if (thread.length === 0) return {};
  const kept = thread.length > MAX_REFERENCES ? [thread[0]!, ...thread.slice(-(MAX_REFERENCES - 1))] : thread;
  return { 'In-Reply-To': thread[thread.length - 1]!, References: kept.join(' ') };
}
