/** Who acts on a ticket, independent of HTTP (routes map the request's principal to this). */
import type { MemberRole } from '../../db/schema.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Actor } from '../../platform/events.js';

export type TicketActor =
  | { kind: 'staff'; userId: number; role: MemberRole; via: 'session' | 'token' }
  | { kind: 'customer'; customerId: number }
  | { kind: 'anonymous' };

export function ticketActorOf(principal: Principal | null): TicketActor {
  if (!principal) return { kind: 'anonymous' };
  if (principal.kind === 'customer') return { kind: 'customer', customerId: principal.customerId };
  return { kind: 'staff', userId: principal.userId, role: principal.role, via: principal.via };
}

/** The actor columns of history and event rows. */
export function auditActor(actor: TicketActor): Actor {
  if (actor.kind === 'staff') return { userId: actor.userId };
  if (actor.kind === 'customer') return { customerId: actor.customerId };
  return {};
}
