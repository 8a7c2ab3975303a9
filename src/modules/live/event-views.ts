/**
 * What each principal's stream carries of a committed event. Facts about the ticket an event concerns
 * (its customer; for a message, whether it is internal) are read from the database, not taken from the
 * payload.
 *
 * Staff (agents and admins) get every event of their workspace with its payload, internal notes
 * included — except `notification.*`, which go only to the user the payload names (`user_id`).
 * Customers get only these events of their own tickets, with only these fields:
 * - `ticket.created`: `{ticket_number}`
 * - `message.created` of a public message: `{message_id, message_type}` (never a note; nothing at all
 *   tells them a note was written)
 * - `ticket.updated` when a field they see changed: `{changes: [{field, old, new}]}` of
 *   status, subject, description, priority and category only (no reasons, assignees, teams, tags, SLA)
 * - `ticket.status_changed`, `ticket.rated`: `{}` (refetch the ticket)
 */
import type { RawExecutor } from '../../db/raw.js';
import type { LoggedEvent } from '../../platform/events/log.js';
import { encodePosition } from '../../platform/events/log.js';
import type { SseFrame } from '../../platform/http/sse.js';

export type Viewer = { kind: 'staff'; userId: number } | { kind: 'customer'; customerId: number };

export interface TicketFacts {
  ticketId: number;
  customerId: number;
  /** The event's message is an internal note. */
  internal: boolean;
}

/** Facts by event id, for the events of a batch that concern a ticket. */
export type FactsByEvent = ReadonlyMap<number, TicketFacts>;

const CUSTOMER_FIELDS = new Set(['status', 'subject', 'description', 'priority', 'category']);

interface FactRow {
  event_id: number;
  ticket_id: number;
  customer_id: number;
  internal: boolean;
}

/** One query for a batch: the ticket (and its customer) of every ticket or message event. */
export async function loadFacts(db: RawExecutor, events: readonly LoggedEvent[]): Promise<FactsByEvent> {
  const concerned = events.filter((e) => e.subjectType === 'ticket' || e.subjectType === 'message');
  const facts = new Map<number, TicketFacts>();
  if (concerned.length === 0) return facts;
  const r = await db.query<FactRow>(
    `SELECT e.id AS event_id, t.id AS ticket_id, t.customer_id, coalesce(m.is_internal, false) AS internal
     FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[]) AS e(id, workspace_id, subject_type, subject_id)
     LEFT JOIN support_ticket_messages m
       ON e.subject_type = 'message' AND m.id = e.subject_id AND m.workspace_id = e.workspace_id
     JOIN support_tickets t ON t.workspace_id = e.workspace_id
       AND t.id = CASE WHEN e.subject_type = 'message' THEN m.ticket_id ELSE e.subject_id END`,
    [
      concerned.map((e) => e.id),
      concerned.map((e) => e.workspaceId),
      concerned.map((e) => e.subjectType),
      concerned.map((e) => e.subjectId),
    ],
  );
  for (const row of r.rows) {
    facts.set(row.event_id, { ticketId: row.ticket_id, customerId: row.customer_id, internal: row.internal });
  }
  return facts;
}

function staffView(e: LoggedEvent, viewer: { userId: number }, facts?: TicketFacts) {
  if (e.type.startsWith('notification.') && e.payload.user_id !== viewer.userId) return null;
  return {
    id: e.id,
    type: e.type,
    subject_type: e.subjectType,
    subject_id: e.subjectId,
    ticket_id: facts?.ticketId ?? null,
    actor: { user_id: e.actorUserId, customer_id: e.actorCustomerId },
    payload: e.payload,
    created_at: e.createdAt.toISOString(),
  };
}

function customerPayload(e: LoggedEvent, facts: TicketFacts): Record<string, unknown> | null {
  switch (e.type) {
    case 'ticket.created':
      return { ticket_number: e.payload.ticket_number };
    case 'message.created': {
      const type = e.payload.message_type;
      if (facts.internal || e.payload.is_internal !== false || type === 'note') return null;
      return { message_id: e.subjectId, message_type: type };
    }
    case 'ticket.updated': {
      const changes = Array.isArray(e.payload.changes) ? (e.payload.changes as unknown[]) : [];
      const visible = changes.flatMap((c) => {
        if (typeof c !== 'object' || c === null) return [];
        const { field, old, new: next } = c as Record<string, unknown>;
        return typeof field === 'string' && CUSTOMER_FIELDS.has(field) ? [{ field, old, new: next }] : [];
      });
      return visible.length > 0 ? { changes: visible } : null;
    }
    case 'ticket.status_changed':
    case 'ticket.rated':
      return {};
    default:
      return null;
  }
}

function customerView(e: LoggedEvent, viewer: { customerId: number }, facts?: TicketFacts) {
  if (!facts || facts.customerId !== viewer.customerId) return null;
  const payload = customerPayload(e, facts);
  if (!payload) return null;
  return {
    id: e.id,
    type: e.type,
    ticket_id: facts.ticketId,
    payload,
    created_at: e.createdAt.toISOString(),
  };
}

/** The frame this viewer gets for the event, or null when the event is not theirs to see. */
export function frameFor(viewer: Viewer, e: LoggedEvent, facts: FactsByEvent): SseFrame | null {
  const f = facts.get(e.id);
  const data = viewer.kind === 'staff' ? staffView(e, viewer, f) : customerView(e, viewer, f);
  return data ? { id: encodePosition(e.position), event: e.type, data } : null;
}
