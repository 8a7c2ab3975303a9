/**
 * PUT /tickets/{id}/status/: one transition of the lifecycle, with history, a system message and an event.
 * The SLA clock is recomputed from the status history it just extended: entering pending/on_hold pauses
 * the resolution clock (sla_paused_at), leaving them moves the resolution due by the business time paused.
 */
import type { SupportTicket, TicketStatus } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { AppError } from '../../platform/errors.js';
import { recordEvents } from '../../platform/events.js';
import { auditActor, type TicketActor } from './actor.js';
import type { TicketHooks } from './hooks.js';
import { presentChanges, recordHistory } from './history.js';
import { assertNoCollision } from './collision.js';
import { lockVisibleTicket } from './load-ticket.js';
import { assertTransition, lifecycleStamps } from './status.js';
import { addSystemMessage, describeActor } from './system-message.js';

export interface StatusContext {
  tx: Tx;
  workspaceId: number;
  actor: TicketActor;
  now: Date;
  hooks: TicketHooks;
}

/**
 * Moves the ticket to `status` if the actor may (else 422). Setting the status it already has changes
 * nothing and is not an error, so a retried request is harmless.
 */
export async function changeTicketStatus(
  ctx: StatusContext,
  ref: string | number,
  input: { status: TicketStatus; reason?: string; based_on?: number },
): Promise<SupportTicket> {
  const { tx, workspaceId, actor } = ctx;
  const ticket = await lockVisibleTicket(tx, workspaceId, ref, actor);
  if (ticket.status === input.status) return ticket;
  await assertNoCollision(tx, ticket, input.based_on, actor, ctx.now);
  if (actor.kind === 'anonymous') throw new AppError('NOT_AUTHENTICATED', 'log in to change a ticket');
  assertTransition(
    ticket.status,
    input.status,
    actor.kind === 'staff' ? { kind: 'staff', role: actor.role } : actor,
  );
  return applyStatus(ctx, ticket, input.status, input.reason);
}

/** Writes a status change already known to be allowed (also used by replies that carry a status). */
export async function applyStatus(
  ctx: StatusContext,
  ticket: SupportTicket,
  status: TicketStatus,
  reason?: string,
): Promise<SupportTicket> {
  const { tx, workspaceId, actor, now } = ctx;
  const stamps = lifecycleStamps(status, now);
  const moved = await tx
    .updateTable('support_tickets')
    .set({ status, updated_at: now, ...stamps })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', ticket.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const who = auditActor(actor);
  const statusChanges = await recordHistory(
    tx,
    ticket,
    [
      { field: 'status', old: ticket.status, new: status },
      ...(stamps.resolved_at !== undefined
        ? [{ field: 'resolved_at', old: ticket.resolved_at, new: stamps.resolved_at }]
        : []),
      ...(stamps.closed_at !== undefined
        ? [{ field: 'closed_at', old: ticket.closed_at, new: stamps.closed_at }]
        : []),
    ],
    who,
    now,
  );
  const clock = await ctx.hooks.refreshDues({ tx, now, actor: who, record: true }, moved);
  const changes = [...statusChanges, ...clock.changes];
  const why = reason?.trim() ? ` — ${reason.trim()}` : '';
  await addSystemMessage(
    tx,
    ticket,
    `Status changed from ${ticket.status} to ${status} by ${await describeActor(tx, actor)}${why}`,
    now,
  );
  await recordEvents(tx, [
    {
      workspaceId,
      type: 'ticket.updated',
      subjectType: 'ticket',
      subjectId: ticket.id,
      actor: who,
      payload: {
        ticket_id: ticket.id,
        changes: presentChanges(changes),
        ...(why ? { reason: reason?.trim() ?? '' } : {}),
      },
    },
    {
      workspaceId,
      type: 'ticket.status_changed',
      subjectId: ticket.id,
      actor: who,
      payload: {
        ticket_id: ticket.id,
        ticket_number: ticket.ticket_number,
        from: ticket.status,
        to: status,
        ...(why ? { reason: reason?.trim() ?? '' } : {}),
      },
    },
  ]);
  // Team queues move after commit (assignment's queue subscriber reads ticket.status_changed).
  return clock.ticket;
}
