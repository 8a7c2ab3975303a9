/**
 * A ticket's life as status intervals, from its creation to now, rebuilt from its recorded status
 * changes (ticket_history rows with field 'status'). Pure: the clock and the simulation both use it.
 */
import type { TicketStatus } from '../../db/schema.js';

/** One stretch of time in one status; `end` null = the current status. */
export interface StatusInterval {
  status: TicketStatus;
  start: Date;
  end: Date | null;
}

/** A recorded status change. */
export interface StatusChange {
  at: Date;
  from: TicketStatus | null;
  to: TicketStatus;
}

/** What the timeline needs of the ticket row itself. */
export interface TimelineTicket {
  created_at: Date;
  status: TicketStatus;
  resolved_at: Date | null;
  closed_at: Date | null;
  sla_paused_at: Date | null;
  updated_at: Date;
}

/**
 * When a ticket has no recorded status change (imported or seeded data) but is not `new`, the moment it
 * reached its status is taken from the row's own stamp: resolved_at, closed_at, sla_paused_at, else
 * updated_at. Before that it was `new`, so its clocks ran; an `open` ticket simply ran from the start.
 */
function impliedStart(ticket: TimelineTicket): Date {
  switch (ticket.status) {
    case 'resolved':
      return ticket.resolved_at ?? ticket.updated_at;
    case 'closed':
    case 'cancelled':
      return ticket.closed_at ?? ticket.resolved_at ?? ticket.updated_at;
    case 'pending':
    case 'on_hold':
      return ticket.sla_paused_at ?? ticket.updated_at;
    case 'new':
    case 'open':
      return ticket.created_at;
  }
}

/**
 * The intervals from creation to now, in order, contiguous, the last one open-ended. Changes are
 * applied in the order given (callers sort by time, then id); changes stamped before the creation are
 * clamped to it and empty intervals are dropped.
 */
export function statusTimeline(ticket: TimelineTicket, changes: readonly StatusChange[]): StatusInterval[] {
  const created = ticket.created_at;
  if (changes.length === 0) {
    const reached = impliedStart(ticket);
    if (ticket.status === 'new' || ticket.status === 'open' || reached <= created) {
      return [{ status: ticket.status, start: created, end: null }];
    }
    return [
      { status: 'new', start: created, end: reached },
      { status: ticket.status, start: reached, end: null },
    ];
  }
  const intervals: StatusInterval[] = [];
  let status: TicketStatus = changes[0]?.from ?? 'new';
  let start = created;
  for (const change of changes) {
    const at = change.at < start ? start : change.at;
    if (at > start) intervals.push({ status, start, end: at });
    status = change.to;
    start = at;
  }
  intervals.push({ status, start, end: null });
  return intervals;
}
