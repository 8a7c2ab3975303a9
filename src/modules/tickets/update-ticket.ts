/**
 * PATCH /tickets/{id}/ (staff): change the priority, category, SLA or subject. Each real change is a
 * ticket_history row, one system message says what changed and one `ticket.updated` event carries the
 * changes. A new priority, category or SLA recomputes the SLA clock from the ticket's history, as if
 * the ticket had had it from the start (its creation, pauses and first reply are what they were).
 *
 * `sla`: an id pins that SLA to the ticket (it then survives category changes); null unpins it, so the
 * category's SLA or the workspace default applies again.
 */
import type { SupportTicket, SupportTicketsTable } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { Updateable } from 'kysely';
import { AppError, invalid } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import { auditActor, type TicketActor } from './actor.js';
import type { TicketHooks } from './hooks.js';
import { presentChanges, recordHistory, type FieldChange } from './history.js';
import { assertNoCollision } from './collision.js';
import { lockVisibleTicket } from './load-ticket.js';
import { findCategoryByRef, findPriorityByRef } from './repository.js';
import { addSystemMessage, describeActor } from './system-message.js';

export interface UpdateTicketInput {
  priority?: string | number;
  category?: string | number | null;
  sla?: number | null;
  subject?: string;
  /** The ticket version the change is based on (collision.ts). */
  based_on?: number;
}

export interface UpdateTicketContext {
  tx: Tx;
  workspaceId: number;
  actor: TicketActor;
  now: Date;
  hooks: TicketHooks;
}

async function slaById(tx: Tx, workspaceId: number, id: number) {
  return tx
    .selectFrom('slas')
    .select(['id', 'name', 'is_active'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Applies the changes; returns the updated ticket (unchanged input changes nothing). */
export async function updateTicket(
  ctx: UpdateTicketContext,
  ref: string | number,
  input: UpdateTicketInput,
): Promise<SupportTicket> {
  const { tx, workspaceId, actor, now } = ctx;
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'only staff may edit a ticket');
  const ticket = await lockVisibleTicket(tx, workspaceId, ref, actor);
  await assertNoCollision(tx, ticket, input.based_on, actor, now);
  const values: Updateable<SupportTicketsTable> = {};
  const notes: string[] = [];

  if (input.subject !== undefined) {
    const subject = input.subject.trim();
    if (!subject) throw invalid('subject', 'must not be empty');
    values.subject = subject;
  }
  if (input.priority !== undefined) {
    const priority = await findPriorityByRef(tx, workspaceId, input.priority);
    if (!priority || (!priority.is_active && priority.id !== ticket.priority_id)) {
      throw invalid('priority', 'no such active priority');
    }
    if (priority.id !== ticket.priority_id) notes.push(`priority to ${priority.name}`);
    values.priority_id = priority.id;
  }
  if (input.category !== undefined) {
    const category =
      input.category === null ? null : await findCategoryByRef(tx, workspaceId, input.category);
    if (category !== null && (!category || (!category.is_active && category.id !== ticket.category_id))) {
      throw invalid('category', 'no such active category');
    }
    if ((category?.id ?? null) !== ticket.category_id) notes.push(`category to ${category?.name ?? 'none'}`);
    values.category_id = category?.id ?? null;
  }
  if (input.sla !== undefined) {
    const sla = input.sla === null ? null : await slaById(tx, workspaceId, input.sla);
    if (sla !== null && (!sla || !sla.is_active)) throw invalid('sla', 'no such active SLA');
    if (sla) {
      values.sla_id = sla.id;
      values.sla_pinned = true;
      if (!ticket.sla_pinned || ticket.sla_id !== sla.id) notes.push(`SLA to ${sla.name}`);
    } else {
      values.sla_pinned = false;
      if (ticket.sla_pinned) notes.push('SLA back to the category’s or the default');
    }
  }

  const who = auditActor(actor);
  const changes = await recordHistory(
    tx,
    ticket,
    [
      ...(values.subject !== undefined
        ? [{ field: 'subject', old: ticket.subject, new: values.subject }]
        : []),
      ...(values.priority_id !== undefined
        ? [{ field: 'priority', old: ticket.priority_id, new: values.priority_id }]
        : []),
      ...(values.category_id !== undefined
        ? [{ field: 'category', old: ticket.category_id, new: values.category_id }]
        : []),
      ...(values.sla_pinned !== undefined
        ? [{ field: 'sla_pinned', old: ticket.sla_pinned, new: values.sla_pinned }]
        : []),
    ] satisfies FieldChange[],
    who,
    now,
  );
  const slaChanged = values.sla_id !== undefined && values.sla_id !== ticket.sla_id;
  if (changes.length === 0 && !slaChanged) return ticket;

  let updated = await tx
    .updateTable('support_tickets')
    .set({ ...values, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', ticket.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const clockChanges: FieldChange[] = [];
  if (changes.some((c) => c.field !== 'subject') || slaChanged) {
    // Compared with the ticket as it was, so the SLA change is recorded once, with its old value.
    const refreshed = await ctx.hooks.refreshDues({ tx, now, actor: who, record: true }, updated, ticket);
    updated = refreshed.ticket;
    clockChanges.push(...refreshed.changes);
  }
  if (notes.length > 0) {
    await addSystemMessage(
      tx,
      ticket,
      `${await describeActor(tx, actor)} changed the ${notes.join(', ')}`,
      now,
    );
  }
  const all = [...changes, ...clockChanges];
  await recordEvent(tx, {
    workspaceId,
    type: 'ticket.updated',
    subjectType: 'ticket',
    subjectId: ticket.id,
    actor: who,
    payload: {
      ticket_id: ticket.id,
      changes: presentChanges(all),
    },
  });
  return updated;
}
