/**
 * Several deliveries of one channel taken at once — a batch of mail — each as receiveInbound would take
 * it from a channel (no person behind it), for the two common shapes: a new ticket, or a message of a
 * ticket's own customer on it. Their senders are found or created in one go (findOrCreateCustomers), the
 * tickets opened together (createTickets: one number range, one INSERT, one events INSERT) and the messages
 * written together (addCustomerReplies). The deliveries carry no external id: the caller takes each once
 * (email: its stored row, unique per Message-ID and processed once); anything else (staff, participants)
 * goes through receiveInbound.
 */
import type { TicketChannel } from '../../../db/schema.js';
import { findOrCreateCustomers } from '../../customers/index.js';
import { addCustomerReplies } from '../../messages/index.js';
import { createTickets, type NewTicket } from '../../tickets/index.js';
import type { InboundContext, InboundResult } from './receive-inbound.js';

export interface BatchDelivery {
  /** The writer: found by email (case-insensitively) or created without a password. */
  from: { email: string; name?: string };
  /** Either a ticket to open… */
  ticket?: Omit<NewTicket, 'customer' | 'channel'>;
  /** …or a ticket (id) of the writer's to write on (an email's Message-ID kept on the message). */
  thread?: { ticket: number; message: string; emailMessageId?: string };
}

/** Takes the deliveries; returns what each became, in the order given. */
export async function receiveInboundBatch(
  ctx: InboundContext,
  channel: TicketChannel,
  deliveries: BatchDelivery[],
): Promise<InboundResult[]> {
  const { tx, workspace, now, hooks } = ctx;
  const customers = await findOrCreateCustomers(
    tx,
    workspace.id,
    deliveries.map((d) => d.from),
  );
  const customerOf = (d: BatchDelivery) => {
    const customer = customers.get(d.from.email.trim().toLowerCase());
    if (!customer) throw new Error('a sender was neither found nor created');
    return customer;
  };
  const results: (InboundResult | undefined)[] = deliveries.map(() => undefined);
  const opening = deliveries.flatMap((d, i) => (d.ticket && !d.thread ? [i] : []));
  const tickets = await createTickets(
    { tx, workspaceId: workspace.id, defaultPriority: workspace.default_priority, now, hooks },
    opening.map((i) => {
      const d = deliveries[i] as BatchDelivery;
      const customer = customerOf(d);
      // A channel's delivery is the customer's own (receiveInbound's auditOf).
      return { ...d.ticket, customer, channel, actor: { customerId: customer.id } } as NewTicket & {
        actor: { customerId: number };
      };
    }),
  );
  opening.forEach((i, k) => {
    const ticket = tickets[k];
    const d = deliveries[i] as BatchDelivery;
    if (ticket) results[i] = { ticket, message: null, customer: customerOf(d), created: true };
  });
  const threading = deliveries.flatMap((d, i) => (d.thread && !d.ticket ? [i] : []));
  const replies = await addCustomerReplies(
    { tx, workspaceId: workspace.id, now, hooks },
    threading.map((i) => {
      const d = deliveries[i] as BatchDelivery;
      const thread = d.thread as NonNullable<BatchDelivery['thread']>;
      return {
        ticketId: thread.ticket,
        customerId: customerOf(d).id,
        message: thread.message,
        ...(thread.emailMessageId ? { emailMessageId: thread.emailMessageId } : {}),
      };
    }),
  );
  threading.forEach((i, k) => {
    const reply = replies[k];
    const d = deliveries[i] as BatchDelivery;
    if (reply)
      results[i] = { ticket: reply.ticket, message: reply.message, customer: customerOf(d), created: true };
  });
  return results.map((r) => {
    if (!r) throw new Error('give either a ticket to open or a ticket to thread onto');
    return r;
  });
}
