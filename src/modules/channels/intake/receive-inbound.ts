/**
 * The one intake every inbound channel calls — the web form and the API today; email, chat, phone and
 * social next: they differ only in how they receive and how they answer. It finds or creates the customer
 * (find-sender.ts), de-duplicates the delivery by the channel's external id (per workspace and channel),
 * and opens a ticket or threads the message onto one of the customer's tickets, in the caller's
 * transaction (so the ticket, its message, the receipt and the events commit or vanish together).
 */
import type { Customer, SupportTicket, SupportTicketMessage, TicketChannel } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import { AppError, invalid, notFound } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/events.js';
import { replyToTicket } from '../../messages/index.js';
import { createTicket, findTicket, type NewTicket, type TicketHooks } from '../../tickets/index.js';
import { findSender, type InboundActor, type Sender } from './find-sender.js';
import { claimReceipt, completeReceipt, findReceipt, type ReceiptKey } from './receipts.js';

export interface InboundContext {
  tx: Tx;
  workspace: { id: number; default_priority: string };
  now: Date;
  hooks: TicketHooks;
}

export interface InboundInput {
  channel: TicketChannel;
  actor: InboundActor;
  /**
   * The channel's own id of this delivery (an email's Message-ID, a chat message id, an API client's
   * id): delivered again, it returns what the first delivery made and writes nothing. Staff and
   * channels only — a customer could otherwise reach another customer's ticket by guessing an id.
   */
  externalId?: string;
  /** Who wrote (ignored for a logged-in customer, who is themselves). */
  from?: Sender;
  /**
   * Thread the message onto this ticket (id or number) of the sender's, instead of opening one. `writer`
   * says who the channel found the sender to be (default: the ticket's customer, checked here):
   * - 'staff': the staff actor writes a public reply (a mailbox's staff member answering by mail);
   * - 'participant': a channel found the sender copied on the ticket (an email Cc); the message is the
   *   customer side's, attributed to the sender.
   */
  thread?: { ticket: string | number; message: string; writer?: 'customer' | 'staff' | 'participant' };
  /** The ticket to open when not threading. */
  ticket?: Omit<NewTicket, 'customer' | 'channel'>;
}

export interface InboundResult {
  ticket: SupportTicket;
  /** The threaded message (null when a ticket was opened). */
  message: SupportTicketMessage | null;
  customer: Customer;
  /** False when the external id was delivered before: nothing was written this time. */
  created: boolean;
}

function auditOf(actor: InboundActor, customer: Customer): Actor {
  if (actor.kind === 'staff') return { userId: actor.userId };
  // A customer, the anonymous web form or a channel: the customer wrote it.
  return { customerId: customer.id };
}

async function replay(ctx: InboundContext, key: ReceiptKey): Promise<InboundResult> {
  const { tx } = ctx;
  const receipt = await findReceipt(tx, key);
  if (!receipt || receipt.ticket_id === null) {
    throw new AppError('CONFLICT', 'this delivery is being processed; retry');
  }
  const ticket = await tx
    .selectFrom('support_tickets')
    .selectAll()
    .where('workspace_id', '=', key.workspaceId)
    .where('id', '=', receipt.ticket_id)
    .executeTakeFirstOrThrow();
  const message =
    receipt.message_id === null
      ? null
      : await tx
          .selectFrom('support_ticket_messages')
          .selectAll()
          .where('workspace_id', '=', key.workspaceId)
          .where('id', '=', receipt.message_id)
          .executeTakeFirstOrThrow();
  const customer = await tx
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', key.workspaceId)
    .where('id', '=', ticket.customer_id)
    .executeTakeFirstOrThrow();
  return { ticket, message, customer, created: false };
}

/**
 * A message on a ticket by someone other than its customer: staff (a public reply), or a participant the
 * channel vouched for (written on the customer's side, then attributed to the participant).
 */
async function threadAsOther(
  ctx: InboundContext,
  thread: NonNullable<InboundInput['thread']>,
  actor: InboundActor,
  writer: 'staff' | 'participant',
  from: Sender,
): Promise<InboundResult> {
  const { tx, workspace, now } = ctx;
  const found = await findTicket(tx, workspace.id, thread.ticket);
  if (!found) throw notFound('ticket');
  const owner = await tx
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', workspace.id)
    .where('id', '=', found.customer_id)
    .executeTakeFirstOrThrow();
  const author =
    writer === 'staff' && actor.kind === 'staff'
      ? actor
      : ({ kind: 'customer', customerId: owner.id } as const);
  const reply = await replyToTicket(
    { tx, workspaceId: workspace.id, actor: author, now, hooks: ctx.hooks },
    found.id,
    { message: thread.message },
  );
  if (writer === 'staff')
    return { ticket: reply.ticket, message: reply.message, customer: owner, created: true };
  const participant = await findSender(tx, workspace.id, actor, from);
  const message = await tx
    .updateTable('support_ticket_messages')
    .set({
      sender_customer_id: participant.id,
      sender_name: (participant.name || participant.email).slice(0, 100),
      sender_email: participant.email,
    })
    .where('workspace_id', '=', workspace.id)
    .where('id', '=', reply.message.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ticket: reply.ticket, message, customer: participant, created: true };
}

/** Receives one inbound delivery: a new ticket, or a message on an existing one. */
export async function receiveInbound(ctx: InboundContext, input: InboundInput): Promise<InboundResult> {
  const { tx, workspace, now } = ctx;
  const { actor } = input;
  if (input.externalId !== undefined && actor.kind !== 'staff' && actor.kind !== 'channel') {
    throw new AppError('FORBIDDEN', 'only staff and channels may name an external id');
  }
  if (actor.kind !== 'staff' && input.from?.customer !== undefined) {
    throw new AppError('FORBIDDEN', 'only staff may open a ticket on behalf of a customer');
  }
  if (input.thread !== undefined && input.ticket !== undefined) {
    throw invalid('thread', 'give either a ticket to open or a ticket to thread onto, not both');
  }
  const externalId = input.externalId?.trim();
  if (externalId === '') throw invalid('external_id', 'must not be empty');
  const key = externalId ? { workspaceId: workspace.id, channel: input.channel, externalId } : undefined;
  if (key && !(await claimReceipt(tx, key, now))) return replay(ctx, key);

  const writer = input.thread?.writer ?? 'customer';
  if (writer === 'staff' && actor.kind !== 'staff')
    throw new AppError('FORBIDDEN', 'only staff write as staff');
  if (writer === 'participant' && actor.kind !== 'channel') {
    throw new AppError('FORBIDDEN', 'only a channel vouches for a participant');
  }
  let result: InboundResult;
  if (input.thread && writer !== 'customer') {
    result = await threadAsOther(ctx, input.thread, actor, writer, input.from ?? {});
  } else if (input.thread) {
    const customer = await findSender(tx, workspace.id, actor, input.from ?? {});
    // The customer writes on their own ticket: another customer's ticket (or another workspace's) is 404
    // (replyToTicket locks it as theirs).
    const author = { kind: 'customer', customerId: customer.id } as const;
    const reply = await replyToTicket(
      { tx, workspaceId: workspace.id, actor: author, now, hooks: ctx.hooks },
      input.thread.ticket,
      { message: input.thread.message },
    );
    result = { ticket: reply.ticket, message: reply.message, customer, created: true };
  } else if (input.ticket) {
    const customer = await findSender(tx, workspace.id, actor, input.from ?? {});
    const ticket = await createTicket(
      {
        tx,
        workspaceId: workspace.id,
        defaultPriority: workspace.default_priority,
        actor: auditOf(actor, customer),
        now,
        hooks: ctx.hooks,
      },
      { ...input.ticket, customer, channel: input.channel },
    );
    result = { ticket, message: null, customer, created: true };
  } else {
    throw invalid('ticket', 'give either a ticket to open or a ticket to thread onto');
  }
  if (key) {
    await completeReceipt(tx, key, { ticketId: result.ticket.id, messageId: result.message?.id ?? null });
  }
  return result;
}
