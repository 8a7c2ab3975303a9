/**
 * Customers' replies that an inbound channel delivers together (a batch of mail), written set-based: the
 * tickets locked in one statement, their updated_at and version moved in one, the messages inserted in
 * one and the `message.created` events in one. A reply whose ticket it would change more than that — one
 * that reopens (pending, on hold, resolved), one on a merged ticket, another customer's, a closed one —
 * goes through replyToTicket, which applies (or refuses with) the rule; so every reply ends as
 * replyToTicket would leave it.
 */
import { sql } from 'kysely';
import type { SupportTicket } from '../../db/schema.js';
import { keyedWorkspace } from '../../db/tenant.js';
import { invalid } from '../../platform/errors.js';
import { recordEvents } from '../../platform/events.js';
import { replyToTicket, type ReplyContext, type ReplyResult } from './reply-to-ticket.js';

export interface CustomerReply {
  ticketId: number;
  /** The ticket's customer, writing. */
  customerId: number;
  message: string;
  /**
   * The Message-ID of the mail the reply came in, kept on the message (threading finds the ticket by
   * it). Written with the message: set afterwards, the message's row would be written twice, every
   * index entry of it (the search index's too) again.
   */
  emailMessageId?: string;
}

const MAX_LENGTH = 100_000;

/** Whether the reply writes a message and nothing else: the customer's own unmerged ticket, new or open. */
function plain(ticket: SupportTicket | undefined, reply: CustomerReply): ticket is SupportTicket {
  return (
    ticket !== undefined &&
    ticket.merged_into_id === null &&
    ticket.customer_id === reply.customerId &&
    (ticket.status === 'new' || ticket.status === 'open')
  );
}

/** Writes the replies; returns what each became, in the order given. */
export async function addCustomerReplies(
  ctx: Omit<ReplyContext, 'actor'>,
  replies: CustomerReply[],
): Promise<ReplyResult[]> {
  if (replies.length === 0) return [];
  const { tx, workspaceId, now } = ctx;
  const texts = replies.map((r) => {
    const text = r.message.trim();
    if (!text) throw invalid('message', 'must not be empty');
    if (text.length > MAX_LENGTH) throw invalid('message', `must be at most ${MAX_LENGTH} characters`);
    return text;
  });
  // In id order, like any two transactions that lock several tickets: no deadlock between them. NO KEY
  // UPDATE, the lock an UPDATE of non-key columns takes anyway: it still excludes other writers of the
  // tickets, but not the key-share locks of foreign-key checks — rows that merely reference a ticket
  // (the ticket-stats subscriber's facts, messages) are written meanwhile instead of waiting for our commit.
  const ticketIds = [...new Set(replies.map((r) => r.ticketId))].sort((a, b) => a - b);
  const locked = await tx
    .selectFrom('support_tickets')
    .selectAll()
    .where('workspace_id', '=', keyedWorkspace(workspaceId))
    .where('id', 'in', ticketIds)
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
  const ticketOf = new Map(locked.map((t) => [t.id, t]));
  const plainOnes = replies.flatMap((r, index) => (plain(ticketOf.get(r.ticketId), r) ? [index] : []));
  const results: (ReplyResult | undefined)[] = replies.map(() => undefined);
  if (plainOnes.length > 0) {
    const customerIds = [...new Set(plainOnes.map((i) => replies[i]?.customerId ?? 0))];
    const senders = new Map(
      (
        await tx
          .selectFrom('customers')
          .select(['id', 'name', 'email'])
          .where('workspace_id', '=', keyedWorkspace(workspaceId))
          .where('id', 'in', customerIds)
          .execute()
      ).map((c) => [c.id, c]),
    );
    // The tickets first, each moved once: updated_at and its version, by as many as it gets messages —
    // each message is written with the version it makes (the trigger then leaves the ticket alone,
    // migration 0063), where a bump per message would write the ticket again for each.
    const counts = new Map<number, number>();
    for (const i of plainOnes) {
      const ticketId = (replies[i] as CustomerReply).ticketId;
      counts.set(ticketId, (counts.get(ticketId) ?? 0) + 1);
    }
    const updated = await tx
      .updateTable('support_tickets')
      .set({
        updated_at: now,
        version: sql<number>`version + (SELECT c.n FROM unnest(${[...counts.keys()]}::bigint[], ${[
          ...counts.values(),
        ]}::int[]) AS c(id, n) WHERE c.id = support_tickets.id)`,
      })
      .where('workspace_id', '=', keyedWorkspace(workspaceId))
      .where('id', 'in', [...counts.keys()])
      .returningAll()
      .execute();
    const made = new Map(locked.map((t) => [t.id, t.version]));
    const rows = plainOnes.map((i) => {
      const reply = replies[i] as CustomerReply;
      const sender = senders.get(reply.customerId);
      if (!sender) throw new Error(`customer ${reply.customerId} not found`);
      const version = (made.get(reply.ticketId) ?? 0) + 1;
      made.set(reply.ticketId, version);
      return {
        workspace_id: workspaceId,
        ticket_id: reply.ticketId,
        message: texts[i] as string,
        message_type: 'customer' as const,
        sender_id: null,
        sender_customer_id: reply.customerId,
        sender_name: (sender.name || sender.email).slice(0, 100),
        sender_email: sender.email,
        is_staff_reply: false,
        is_internal: false,
        created_at: now,
        ticket_version: version,
        ...(reply.emailMessageId ? { email_message_id: reply.emailMessageId.slice(0, 255) } : {}),
      };
    });
    // Ids are drawn in the order of the rows: sorted by id, the messages pair with the rows again.
    const messages = (
      await tx.insertInto('support_ticket_messages').values(rows).returningAll().execute()
    ).sort((a, b) => a.id - b.id);
    const current = new Map(updated.map((t) => [t.id, t]));
    plainOnes.forEach((i, k) => {
      const message = messages[k];
      const ticket = current.get(replies[i]?.ticketId ?? 0);
      if (message && ticket) results[i] = { message, ticket };
    });
    await recordEvents(
      tx,
      messages.map((message) => ({
        workspaceId,
        type: 'message.created' as const,
        subjectType: 'message' as const,
        subjectId: message.id,
        actor: { customerId: message.sender_customer_id },
        payload: {
          ticket_id: message.ticket_id,
          message_id: message.id,
          message_type: message.message_type,
          is_internal: false,
        },
      })),
    );
  }
  for (const [i, reply] of replies.entries()) {
    if (results[i]) continue;
    results[i] = await replyToTicket(
      { ...ctx, actor: { kind: 'customer', customerId: reply.customerId } },
      reply.ticketId,
      { message: reply.message },
    );
  }
  return results.map((r) => {
    if (!r) throw new Error('a reply was not written');
    return r;
  });
}
