/** Finds a ticket the actor may see: another workspace's or another customer's ticket is a 404. */
import type { SupportTicket } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { TicketActor } from './actor.js';
import { canSeeTicket } from './policy.js';
import { findTicket, findTicketForUpdate } from './repository.js';

function visible(ticket: SupportTicket | undefined, actor: TicketActor): SupportTicket {
  if (actor.kind === 'anonymous') throw new AppError('NOT_AUTHENTICATED', 'log in to see tickets');
  if (!ticket || !canSeeTicket(ticket, actor)) throw notFound('ticket');
  return ticket;
}

export async function loadVisibleTicket(
  tx: Tx,
  workspaceId: number,
  ref: string | number,
  actor: TicketActor,
): Promise<SupportTicket> {
  return visible(await findTicket(tx, workspaceId, ref), actor);
}

/** The same, with the row locked for the rest of the transaction. */
export async function lockVisibleTicket(
  tx: Tx,
  workspaceId: number,
  ref: string | number,
  actor: TicketActor,
): Promise<SupportTicket> {
  return visible(await findTicketForUpdate(tx, workspaceId, ref), actor);
}
