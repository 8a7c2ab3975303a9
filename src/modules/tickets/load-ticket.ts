/**
 * Finds a ticket the actor may see: another workspace's or another customer's ticket is a 404. A ticket
 * merged into another (merge-ticket.ts) resolves to that ticket, so its number keeps working.
 */
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

/** Merges form a chain at most this long (a merged ticket is never a merge target). */
export const MAX_MERGE_HOPS = 5;

async function followMerges(
  ticket: SupportTicket | undefined,
  find: (id: number) => Promise<SupportTicket | undefined>,
): Promise<SupportTicket | undefined> {
  let current = ticket;
  for (let hop = 0; current?.merged_into_id && hop < MAX_MERGE_HOPS; hop++) {
    current = await find(current.merged_into_id);
  }
  return current;
}

export async function loadVisibleTicket(
  tx: Tx,
  workspaceId: number,
  ref: string | number,
  actor: TicketActor,
): Promise<SupportTicket> {
  const ticket = await followMerges(await findTicket(tx, workspaceId, ref), (id) =>
    findTicket(tx, workspaceId, id),
  );
  return visible(ticket, actor);
}

/** The same, with the row locked for the rest of the transaction. */
export async function lockVisibleTicket(
  tx: Tx,
  workspaceId: number,
  ref: string | number,
  actor: TicketActor,
): Promise<SupportTicket> {
  // A merge that committed while this waited for the lock is seen here: the target is locked instead.
  const ticket = await followMerges(await findTicketForUpdate(tx, workspaceId, ref), (id) =>
    findTicketForUpdate(tx, workspaceId, id),
  );
  return visible(ticket, actor);
}
