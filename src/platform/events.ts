/**
 * Domain events, recorded in the same transaction as the change they describe (ticket.created,
 * message.created, ticket.assigned, sla.breached…). Email, webhooks, realtime and analytics read them
 * after commit; nothing outside the transaction happens here.
 */
import type { JsonObject } from '../db/schema.js';
import type { Tx } from '../db/tenant.js';

export interface Actor {
  userId?: number | null;
  customerId?: number | null;
}

export interface DomainEvent {
  workspaceId: number;
  type: string;
  subjectType: 'ticket' | 'message' | 'article' | 'customer' | 'user';
  subjectId: number;
  actor?: Actor;
  payload?: JsonObject;
}

export async function recordEvent(tx: Tx, event: DomainEvent): Promise<number> {
  const row = await tx
    .insertInto('domain_events')
    .values({
      workspace_id: event.workspaceId,
      type: event.type,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      actor_user_id: event.actor?.userId ?? null,
      actor_customer_id: event.actor?.customerId ?? null,
      payload: JSON.stringify(event.payload ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
