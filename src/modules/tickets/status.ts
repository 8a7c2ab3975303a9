/**
 * The ticket lifecycle in one table. Who may move a ticket from one status to another; everything not
 * listed is refused with 422 ILLEGAL_STATUS_TRANSITION.
 */
import type { MemberRole, TicketStatus } from '../../db/schema.js';
import { AppError } from '../../platform/errors.js';

export type StatusActor = { kind: 'staff'; role: MemberRole } | { kind: 'customer' };

const ACTIVE: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];
/** Staff may move an active ticket to any other status except back to `new`. */
const STAFF_FROM_ACTIVE: readonly TicketStatus[] = [
  'open',
  'pending',
  'on_hold',
  'resolved',
  'closed',
  'cancelled',
];

interface Rule {
  agent: readonly TicketStatus[];
  admin: readonly TicketStatus[];
  customer: readonly TicketStatus[];
}

export const TRANSITIONS: Record<TicketStatus, Rule> = {
  new: { agent: STAFF_FROM_ACTIVE, admin: STAFF_FROM_ACTIVE, customer: ['closed', 'cancelled'] },
  open: { agent: STAFF_FROM_ACTIVE, admin: STAFF_FROM_ACTIVE, customer: ['closed', 'cancelled'] },
  pending: { agent: STAFF_FROM_ACTIVE, admin: STAFF_FROM_ACTIVE, customer: ['closed', 'cancelled'] },
  on_hold: { agent: STAFF_FROM_ACTIVE, admin: STAFF_FROM_ACTIVE, customer: ['closed', 'cancelled'] },
  // Reopen or close a solved ticket; customers reopen by replying (see reply-to-ticket).
  resolved: { agent: ['open', 'closed'], admin: ['open', 'closed'], customer: ['closed'] },
  closed: { agent: [], admin: ['open'], customer: [] },
  cancelled: { agent: [], admin: ['open'], customer: [] },
};

export function isActive(status: TicketStatus): boolean {
  return ACTIVE.includes(status);
}

/** The statuses this actor may move a ticket in `from` to. */
export function allowedTransitions(from: TicketStatus, actor: StatusActor): readonly TicketStatus[] {
  const rule = TRANSITIONS[from];
  const targets =
    actor.kind === 'customer' ? rule.customer : actor.role === 'admin' ? rule.admin : rule.agent;
  return targets.filter((to) => to !== from);
}

export function assertTransition(from: TicketStatus, to: TicketStatus, actor: StatusActor): void {
  if (!allowedTransitions(from, actor).includes(to)) {
    const who = actor.kind === 'customer' ? 'a customer' : `an ${actor.role}`;
    throw new AppError('ILLEGAL_STATUS_TRANSITION', `${who} cannot move a ticket from ${from} to ${to}`);
  }
}

/** The timestamp fields that entering `to` sets or clears (reopening clears resolved_at/closed_at). */
export function lifecycleStamps(
  to: TicketStatus,
  now: Date,
): { resolved_at?: Date | null; closed_at?: Date | null } {
  switch (to) {
    case 'resolved':
      return { resolved_at: now, closed_at: null };
    case 'closed':
    case 'cancelled':
      return { closed_at: now };
    case 'new':
    case 'open':
    case 'pending':
    case 'on_hold':
      return { resolved_at: null, closed_at: null };
  }
}
