/**
 * Merges a duplicate ticket into another: its messages and attachments move to the target, it is
 * closed (with the usual status change: history, system message, events, SLA and assignment hooks)
 * and remembers the target, so its number keeps resolving — to the target (load-ticket.ts).
 *
 * Both rows are locked, the duplicate first. A reply to the duplicate locks it too: a reply that got
 * the lock first is committed before the messages move (and moves with them); one that waited finds
 * the duplicate merged and is written to the target. Either way no message is left behind.
 */
import type { SupportTicket } from '../../db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import { auditActor } from './actor.js';
import { applyStatus, type StatusContext } from './change-ticket-status.js';
import { keepDescriptionAsMessage } from './merge-description.js';
import { findTicketForUpdate } from './repository.js';
import { addSystemMessage, describeActor } from './system-message.js';

export interface MergeResult {
  ticket: SupportTicket;
  into: SupportTicket;
  messagesMoved: number;
  attachmentsMoved: number;
}

export async function mergeTicket(ctx: StatusContext, ref: string, intoRef: string): Promise<MergeResult> {
  const { tx, workspaceId, actor, now } = ctx;
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'only staff merge tickets');
  const source = await findTicketForUpdate(tx, workspaceId, ref);
  if (!source) throw notFound('ticket');
  if (source.merged_into_id !== null) {
    throw new AppError('CONFLICT', 'this ticket was already merged into another');
  }
  const target = await findTicketForUpdate(tx, workspaceId, intoRef);
  if (!target) throw notFound('ticket');
  if (target.id === source.id) throw new AppError('RULE_VIOLATION', 'a ticket cannot be merged into itself');
  if (target.merged_into_id !== null) {
    throw new AppError(
      'RULE_VIOLATION',
      'the target was itself merged into another ticket; merge into that one',
    );
  }

  await keepDescriptionAsMessage(tx, source);
  const messages = await tx
    .updateTable('support_ticket_messages')
    .set({ ticket_id: target.id })
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', source.id)
    .returning('id')
    .execute();
  const attachments = await tx
    .updateTable('ticket_attachments')
    .set({ ticket_id: target.id })
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', source.id)
    .returning('id')
    .execute();

  const who = await describeActor(tx, actor);
  const closed =
    source.status === 'closed'
      ? source
      : await applyStatus(ctx, source, 'closed', `merged into ${target.ticket_number}`);
  const merged = await tx
    .updateTable('support_tickets')
    .set({ merged_into_id: target.id, merged_at: now, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', closed.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await addSystemMessage(tx, merged, `Merged into ${target.ticket_number} by ${who}`, now);
  await addSystemMessage(
    tx,
    target,
    `${source.ticket_number} was merged into this ticket by ${who}: ${messages.length} messages and ` +
      `${attachments.length} attachments moved here`,
    now,
  );
  const into = await tx
    .updateTable('support_tickets')
    .set({ updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', target.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(tx, {
    workspaceId,
    type: 'ticket.merged',
    subjectId: source.id,
    actor: auditActor(actor),
    payload: {
      ticket_id: source.id,
      ticket_number: source.ticket_number,
      into_ticket_id: target.id,
      into_ticket_number: target.ticket_number,
      messages_moved: messages.length,
      attachments_moved: attachments.length,
    },
  });
  return { ticket: merged, into, messagesMoved: messages.length, attachmentsMoved: attachments.length };
}
