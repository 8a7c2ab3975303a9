/**
 * Who may do what with a ticket — one place. Use cases enforce these rules; the presenter sends the
 * same answers to the UI as `can`, so the UI never re-derives permissions.
 */
import type { SupportTicket, TicketStatus } from '../../db/schema.js';
import type { TicketActor } from './actor.js';
import { allowedTransitions, isActive } from './status.js';

type TicketFacts = Pick<SupportTicket, 'status' | 'customer_id'>;

/** Staff see every ticket of their workspace; a customer only their own; a visitor none. */
export function canSeeTicket(ticket: Pick<SupportTicket, 'customer_id'>, actor: TicketActor): boolean {
  if (actor.kind === 'staff') return true;
  return actor.kind === 'customer' && actor.customerId === ticket.customer_id;
}

/** Customers may write on active and resolved tickets (a reply reopens); closed and cancelled take none. */
export function canCustomerReply(status: TicketStatus): boolean {
  return isActive(status) || status === 'resolved';
}

/** Only the ticket's customer rates, once it is resolved or closed. */
export function canRate(ticket: TicketFacts, actor: TicketActor): boolean {
  return (
    actor.kind === 'customer' &&
    canSeeTicket(ticket, actor) &&
    (ticket.status === 'resolved' || ticket.status === 'closed')
  );
}

export interface TicketPermissions {
  reply: boolean;
  add_note: boolean;
  change_status: readonly TicketStatus[];
  assign: boolean;
  rate: boolean;
}

export function ticketPermissions(ticket: TicketFacts, actor: TicketActor): TicketPermissions {
  if (actor.kind === 'staff') {
    return {
      reply: true,
      add_note: true,
      change_status: allowedTransitions(ticket.status, { kind: 'staff', role: actor.role }),
      assign: true,
      rate: false,
    };
  }
  const own = canSeeTicket(ticket, actor);
  return {
    reply: own && canCustomerReply(ticket.status),
    add_note: false,
    change_status: own ? allowedTransitions(ticket.status, { kind: 'customer' }) : [],
    assign: false,
    rate: canRate(ticket, actor),
  };
}
