/**
 * The body of a webhook request, built once per event (every subscription and every attempt sends the
 * same bytes):
 *
 *   {"id": 123, "type": "message.created", "created_at": "…Z", "workspace": {"id": 1, "slug": "acme"},
 *    "subject": {"type": "message", "id": 45}, "actor": {"user_id": 7, "customer_id": null},
 *    "data": {…the event's payload…, "ticket_id": 9}, "message": {…} }
 *
 * `message` is present for message.created only. Internal notes are never built for a subscription that
 * did not opt in (subscriber.ts skips them before this), so no body ever carries one by accident.
 */
import type { Tx } from '../../db/tenant.js';
import type { StoredEvent } from '../../platform/events/subscriber.js';

/** The ticket an event is about: payload.ticket_id, else the subject when it is a ticket. */
export function ticketIdOf(event: StoredEvent): number | null {
  const fromPayload = event.payload.ticket_id;
  if (typeof fromPayload === 'number') return fromPayload;
  return event.subjectType === 'ticket' ? event.subjectId : null;
}

async function messageOf(tx: Tx, event: StoredEvent) {
  const id = typeof event.payload.message_id === 'number' ? event.payload.message_id : event.subjectId;
  const m = await tx
    .selectFrom('support_ticket_messages')
    .select([
      'id',
      'ticket_id',
      'message_type',
      'message',
      'sender_name',
      'sender_email',
      'is_staff_reply',
      'is_internal',
      'created_at',
    ])
    .where('workspace_id', '=', event.workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return m ? { ...m, created_at: m.created_at.toISOString() } : null;
}

/** Whether the event is (or reveals) an internal note. */
export async function isInternalEvent(tx: Tx, event: StoredEvent): Promise<boolean> {
  if (event.type !== 'message.created') return false;
  if (event.payload.is_internal === true) return true;
  const message = await messageOf(tx, event);
  return message?.is_internal ?? false;
}

/** The JSON body of the event's webhook requests. */
export async function buildWebhookBody(tx: Tx, event: StoredEvent): Promise<string> {
  const workspace = await tx
    .selectFrom('workspaces')
    .select(['id', 'slug'])
    .where('id', '=', event.workspaceId)
    .executeTakeFirstOrThrow();
  const ticketId = ticketIdOf(event);
  const body: Record<string, unknown> = {
    id: event.id,
    type: event.type,
    created_at: event.createdAt.toISOString(),
    workspace,
    subject: { type: event.subjectType, id: event.subjectId },
    actor: { user_id: event.actorUserId, customer_id: event.actorCustomerId },
    data: { ...event.payload, ...(ticketId !== null ? { ticket_id: ticketId } : {}) },
  };
  // channel.reply: a desk reply to send back to a social inbox or another system (modules/channels).
  if (event.type === 'message.created' || event.type === 'channel.reply')
    body.message = await messageOf(tx, event);
  return JSON.stringify(body);
}
