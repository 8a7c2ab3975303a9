/**
 * "Not a duplicate": an agent says that `ticket` does not duplicate `other`, and the pair is never
 * suggested again (find-duplicates.ts), whichever of the two is looked at. Stored once per pair; a
 * second dismissal — by anyone, from either ticket — changes nothing and answers the first one. The
 * first one is written to the ticket's history (who, when, which ticket) and announced on the event
 * stream, so every desk showing the notice drops it.
 */
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import type { Tx } from '../../db/tenant.js';
import { auditActor, type TicketActor } from './actor.js';
import { recordHistory } from './history.js';
import { loadVisibleTicket } from './load-ticket.js';
import { findTicket } from './repository.js';

export interface DismissDuplicateContext {
  tx: Tx;
  workspaceId: number;
  actor: TicketActor;
  now: Date;
}

export interface DuplicateDismissal {
  ticket_number: string;
  other_ticket_number: string;
  dismissed_by: { id: number; name: string } | null;
  dismissed_at: Date;
  /** False: the pair had been dismissed before; nothing changed. */
  created: boolean;
}

async function presentDismissal(tx: Tx, workspaceId: number, low: number, high: number) {
  return tx
    .selectFrom('ticket_duplicate_dismissals as d')
    .leftJoin('users as u', 'u.id', 'd.dismissed_by_id')
    .select(['d.dismissed_by_id', 'u.name as dismissed_by_name', 'd.dismissed_at'])
    .where('d.workspace_id', '=', workspaceId)
    .where('d.low_ticket_id', '=', low)
    .where('d.high_ticket_id', '=', high)
    .executeTakeFirstOrThrow();
}

/** Dismisses "possible duplicate of `otherRef`" on ticket `ref` (ids or ticket numbers). */
export async function dismissDuplicate(
  ctx: DismissDuplicateContext,
  ref: string,
  otherRef: string,
): Promise<DuplicateDismissal> {
  const { tx, workspaceId, actor, now } = ctx;
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'only staff dismiss possible duplicates');
  const ticket = await loadVisibleTicket(tx, workspaceId, ref, actor);
  // The other ticket as named, not followed through merges: a merged ticket is no suggestion anyway.
  const other = await findTicket(tx, workspaceId, otherRef);
  if (!other) throw notFound('ticket');
  if (other.id === ticket.id) throw invalid('ticket', 'a ticket cannot be a duplicate of itself');

  const low = Math.min(ticket.id, other.id);
  const high = Math.max(ticket.id, other.id);
  const inserted = await tx
    .insertInto('ticket_duplicate_dismissals')
    .values({
      workspace_id: workspaceId,
      low_ticket_id: low,
      high_ticket_id: high,
      ticket_id: ticket.id,
      dismissed_by_id: actor.userId,
      dismissed_at: now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'low_ticket_id', 'high_ticket_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) {
    await recordHistory(
      tx,
      ticket,
      [{ field: 'not_duplicate_of', old: null, new: other.ticket_number }],
      auditActor(actor),
      now,
    );
    await recordEvent(tx, {
      workspaceId,
      type: 'ticket.duplicate_dismissed',
      subjectId: ticket.id,
      actor: auditActor(actor),
      payload: {
        ticket_id: ticket.id,
        ticket_number: ticket.ticket_number,
        other_ticket_id: other.id,
        other_ticket_number: other.ticket_number,
      },
    });
  }
  const row = await presentDismissal(tx, workspaceId, low, high);
  return {
    ticket_number: ticket.ticket_number,
    other_ticket_number: other.ticket_number,
    dismissed_by:
      row.dismissed_by_id === null ? null : { id: row.dismissed_by_id, name: row.dismissed_by_name ?? '' },
    dismissed_at: row.dismissed_at,
    created: inserted !== undefined,
  };
}
