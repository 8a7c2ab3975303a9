/**
 * POST /tickets/{id}/rate/ and the emailed survey: the ticket's customer rates a resolved or closed ticket
 * (1–5). One rating per ticket: it may be changed while the ticket is resolved, not once it is closed.
 * A rating of 1 or 2 also records ticket.rated_badly, which notifies the assignee.
 */
import type { SupportTicket } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { AppError, invalid } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import { auditActor, type TicketActor } from './actor.js';
import { recordHistory } from './history.js';
import { lockVisibleTicket } from './load-ticket.js';
import { canRate } from './policy.js';

export async function rateTicket(
  ctx: { tx: Tx; workspaceId: number; actor: TicketActor; now: Date },
  ref: string | number,
  input: { rating: number; comment?: string },
): Promise<SupportTicket> {
  const { tx, workspaceId, actor, now } = ctx;
  if (actor.kind !== 'customer') throw new AppError('FORBIDDEN', 'only the ticket’s customer can rate it');
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
    throw invalid('rating', 'must be 1 to 5');
  const ticket = await lockVisibleTicket(tx, workspaceId, ref, actor);
  if (!canRate(ticket, actor)) {
    throw new AppError('RULE_VIOLATION', 'a ticket can be rated once it is resolved or closed');
  }
  if (ticket.status === 'closed' && ticket.satisfaction_rating !== null) {
    throw new AppError('RULE_VIOLATION', 'the ticket is closed; its rating can no longer be changed');
  }
  const comment = input.comment?.trim() ?? '';
  const updated = await tx
    .updateTable('support_tickets')
    .set({ satisfaction_rating: input.rating, satisfaction_comment: comment, updated_at: now })
    .where('id', '=', ticket.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const who = auditActor(actor);
  await recordHistory(
    tx,
    ticket,
    [
      { field: 'satisfaction_rating', old: ticket.satisfaction_rating, new: input.rating },
      { field: 'satisfaction_comment', old: ticket.satisfaction_comment, new: comment },
    ],
    who,
    now,
  );
  await recordEvent(tx, {
    workspaceId,
    type: 'ticket.rated',
    subjectType: 'ticket',
    subjectId: ticket.id,
    actor: who,
    payload: { ticket_id: ticket.id, rating: input.rating, previous: ticket.satisfaction_rating },
  });
  if (input.rating <= 2) {
    await recordEvent(tx, {
      workspaceId,
      type: 'ticket.rated_badly',
      subjectType: 'ticket',
      subjectId: ticket.id,
      actor: who,
      payload: {
        ticket_id: ticket.id,
        ticket_number: ticket.ticket_number,
        rating: input.rating,
        assigned_to: ticket.assigned_to_id,
      },
    });
  }
  return updated;
}
