/**
 * Which ticket an inbound mail continues (issue 14, point 4), in order: (a) the reply token of one of its
 * recipient addresses, (b) In-Reply-To/References naming a Message-ID we sent or received, (c)
 * `[#<ticket number>]` in the subject. The first rule that names a ticket decides; the mail threads onto
 * it only when its sender is the ticket's customer, a participant copied on its mail, or staff of the
 * workspace — anyone else opens a new ticket (a guessed number or a leaked Message-ID reaches nothing).
 */
import { sql } from 'kysely';
import type { SupportTicket } from '../../../db/schema.js';
import { keyedWorkspace, type Tx } from '../../../db/tenant.js';
import { splitAddress } from './recipients.js';

export interface ThreadClues {
  /** Every recipient address: envelope, To and Cc. */
  recipients: string[];
  /** The workspace's mailbox addresses (the bases of reply addresses). */
  mailboxAddresses: string[];
  /** In-Reply-To first, then References from the newest back. */
  referencedIds: string[];
  subject: string;
}

export type SenderRole = 'customer' | 'participant' | 'staff';

export interface ThreadTarget {
  ticket: SupportTicket;
  /** Who the sender is to the ticket, or null: not allowed to thread onto it. */
  sender: SenderRole | null;
  rule: 'token' | 'references' | 'subject';
}

const TICKET_REF = /\[#\s*([A-Za-z0-9]{1,20}-\d{1,12}|\d{1,12})\s*\]/;

/** Whether the subject names a ticket number (`[#1234]`, `[#ACME-1234]`): rule (c). */
export function namesTicketNumber(subject: string): boolean {
  return TICKET_REF.test(subject);
}

async function byToken(tx: Tx, workspaceId: number, clues: ThreadClues): Promise<SupportTicket | undefined> {
  const ours = new Set(clues.mailboxAddresses);
  const tokens = clues.recipients
    .map(splitAddress)
    .filter((a) => a.tag !== null && ours.has(a.base))
    .map((a) => a.tag as string);
  if (tokens.length === 0) return undefined;
  return tx
    .selectFrom('support_tickets')
    .selectAll()
    .where('workspace_id', '=', keyedWorkspace(workspaceId))
    .where('reply_token', 'in', tokens)
    .executeTakeFirst();
}

/** A ticket that a Message-ID we sent or received belongs to, with its customer's address. */
export interface ReferencedTicket {
  ticket: SupportTicket;
  customerEmail: string | null;
}

/**
 * The tickets that Message-IDs we sent or received belong to, for any number of ids in one statement:
 * each source answers (message id → ticket), the tickets come with their customers' addresses.
 */
export async function ticketsByMessageIds(
  tx: Tx,
  workspaceId: number,
  ids: string[],
): Promise<Map<string, ReferencedTicket>> {
  if (ids.length === 0) return new Map();
  // Driven by the ids, one at a time (LATERAL, fenced by OFFSET 0 so that the planner cannot turn the
  // joins around): each source is asked for exactly (workspace, message id) — its unique or leading index —
  // and the ticket and its customer are read by their keys. Planned from the workspace outwards instead, a
  // workspace that the planner's statistics think empty (a new one, before the next ANALYZE) had every one
  // of its tickets joined against every id: 500 × 50 lookups per batch at 500 tickets, growing with the
  // workspace. The messages' (workspace, Message-ID) index is partial (email_message_id <> ''): the
  // condition is repeated so that the planner may use it. The workspace is keyedWorkspace's: a new
  // workspace's tickets and customers were otherwise read whole, by an index on workspace_id, per id.
  const ws = keyedWorkspace(workspaceId);
  const rows = await sql<SupportTicket & { ref_message_id: string; ref_customer_email: string | null }>`
    SELECT t.*, m.id AS ref_message_id,
      (SELECT c.email FROM customers c WHERE c.workspace_id = t.workspace_id AND c.id = t.customer_id)
        AS ref_customer_email
    FROM unnest(${ids}::text[]) AS m(id)
    CROSS JOIN LATERAL (
      (SELECT ticket_id FROM support_ticket_messages
        WHERE workspace_id = ${ws} AND email_message_id = m.id AND email_message_id <> '' OFFSET 0)
      UNION ALL
      (SELECT ticket_id FROM outbound_emails
        WHERE workspace_id = ${ws} AND message_id = m.id AND ticket_id IS NOT NULL OFFSET 0)
      UNION ALL
      (SELECT ticket_id FROM inbound_emails
        WHERE workspace_id = ${ws} AND message_id = m.id AND ticket_id IS NOT NULL OFFSET 0)
    ) r
    CROSS JOIN LATERAL (
      SELECT * FROM support_tickets t WHERE t.workspace_id = ${ws} AND t.id = r.ticket_id OFFSET 0
    ) t
  `.execute(tx);
  return new Map(
    rows.rows.map(({ ref_message_id, ref_customer_email, ...ticket }) => [
      ref_message_id,
      { ticket, customerEmail: ref_customer_email },
    ]),
  );
}

/** The ids of a mail's references that are looked up (In-Reply-To first, then the newest References). */
export function lookedUpReferences(clues: Pick<ThreadClues, 'referencedIds'>): string[] {
  return clues.referencedIds.slice(0, 50);
}

async function byReferences(
  tx: Tx,
  workspaceId: number,
  clues: ThreadClues,
  known: Map<string, ReferencedTicket> | undefined,
): Promise<ReferencedTicket | undefined> {
  const wanted = lookedUpReferences(clues);
  if (wanted.length === 0) return undefined;
  // The earliest id in `wanted` that any source knows wins.
  const ticketOf = known ?? (await ticketsByMessageIds(tx, workspaceId, wanted));
  return wanted.map((id) => ticketOf.get(id)).find((t) => t !== undefined);
}

async function bySubject(tx: Tx, workspaceId: number, subject: string): Promise<SupportTicket | undefined> {
  const ref = TICKET_REF.exec(subject)?.[1];
  if (!ref) return undefined;
  // By the number's expression indexes through migration 0065's function: under row-level security
  // upper() and split_part() cannot use them and read the workspace's tickets whole.
  return tx
    .selectFrom('support_tickets')
    .selectAll()
    .where('workspace_id', '=', keyedWorkspace(workspaceId))
    .where('id', '=', sql<number>`ANY(ARRAY(SELECT support_ticket_ids_by_number(${workspaceId}, ${ref})))`)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Who the sender is to the ticket: its customer, a participant, staff of the workspace, or nobody. */
export async function senderRole(
  tx: Tx,
  ticket: SupportTicket,
  sender: string,
  /** The ticket's customer's address when the caller has read it already. */
  customerEmail?: string | null,
): Promise<SenderRole | null> {
  const email =
    customerEmail !== undefined
      ? customerEmail
      : (
          await tx
            .selectFrom('customers')
            .select('email')
            .where('workspace_id', '=', keyedWorkspace(ticket.workspace_id))
            .where('id', '=', ticket.customer_id)
            .executeTakeFirst()
        )?.email;
  if (email && email.toLowerCase() === sender) return 'customer';
  const participant = await tx
    .selectFrom('ticket_email_participants')
    .select('email')
    .where('workspace_id', '=', keyedWorkspace(ticket.workspace_id))
    .where('ticket_id', '=', ticket.id)
    .where('email', '=', sender)
    .executeTakeFirst();
  if (participant) return 'participant';
  return (await findStaff(tx, ticket.workspace_id, sender)) ? 'staff' : null;
}

/** The active staff member of the workspace with this (lower-case) address. */
export async function findStaff(
  tx: Tx,
  workspaceId: number,
  email: string,
): Promise<{ userId: number; role: 'admin' | 'agent' } | undefined> {
  const row = await tx
    .selectFrom('users as u')
    .innerJoin('workspace_memberships as m', 'm.user_id', 'u.id')
    .select(['u.id', 'm.role'])
    .where('m.workspace_id', '=', workspaceId)
    .where(sql<string>`lower(u.email)`, '=', email)
    .where('u.is_active', '=', true)
    .executeTakeFirst();
  return row ? { userId: row.id, role: row.role } : undefined;
}

/**
 * The ticket the mail continues and whether its sender may write there, or null for a new ticket.
 * `references`: the answers of ticketsByMessageIds for (at least) this mail's looked-up references, read
 * once for a batch of mails; without it they are looked up here.
 */
export async function findThread(
  tx: Tx,
  workspaceId: number,
  clues: ThreadClues,
  sender: string,
  references?: Map<string, ReferencedTicket>,
): Promise<ThreadTarget | null> {
  const token = await byToken(tx, workspaceId, clues);
  if (token) return { ticket: token, sender: await senderRole(tx, token, sender), rule: 'token' };
  const referenced = await byReferences(tx, workspaceId, clues, references);
  if (referenced) {
    const role = await senderRole(tx, referenced.ticket, sender, referenced.customerEmail);
    return { ticket: referenced.ticket, sender: role, rule: 'references' };
  }
  const subject = await bySubject(tx, workspaceId, clues.subject);
  if (subject) return { ticket: subject, sender: await senderRole(tx, subject, sender), rule: 'subject' };
  return null;
}
