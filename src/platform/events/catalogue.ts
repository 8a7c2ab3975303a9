/**
 * The event catalogue: every domain event type the product records, what it is about (its subject) and
 * its payload's JSON schema (TypeBox, so the same object types recordEvent at compile time, validates at
 * run time and documents itself in OpenAPI and the webhook docs — `eventCatalogueDocument()`).
 *
 * Payloads are what subscribers, streams and webhooks read: ids as integers, times as ISO 8601 strings,
 * no extra fields (additionalProperties: false). Add a field here before emitting it; never rename one —
 * other code and outside integrations build against these names.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import {
  ARTICLE_STATUSES,
  ASSIGNMENT_ACTIONS,
  AVAILABILITIES,
  MESSAGE_TYPES,
  OUTBOUND_EMAIL_STATUSES,
  TICKET_CHANNELS,
  TICKET_STATUSES,
} from '../../db/schema/columns.js';

/** What an event is about: the row its subject_id names. */
export type SubjectType = 'ticket' | 'message' | 'article' | 'customer' | 'user';

const closed = { additionalProperties: false } as const;
const id = Type.Integer({ minimum: 1 });
const idOrNull = Type.Union([id, Type.Null()]);
const time = Type.String({ format: 'date-time' });
/** One of `values`: a union of literals (anyOf/const in JSON schema), typed as the values' union. */
const oneOf = <const T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));

const ticketStatus = oneOf(TICKET_STATUSES);
const slaTarget = oneOf(['response', 'resolution'] as const);
/** A field's value in ticket.updated: scalars as the API shows them, tags as a list of slugs. */
const fieldValue = Type.Union([
  Type.String(),
  Type.Number(),
  Type.Boolean(),
  Type.Null(),
  Type.Array(Type.String()),
]);

const ticketRef = { ticket_id: id, ticket_number: Type.String() };

const slaEvent = {
  ...ticketRef,
  target: slaTarget,
  due_at: time,
  /** Who is responsible now (after an escalation, the escalated-to agent or none). */
  assigned_to: idOrNull,
  team_id: idOrNull,
  sla_id: idOrNull,
};

const article = {
  article_id: id,
  slug: Type.String(),
  language: Type.String(),
  status: oneOf(ARTICLE_STATUSES),
  /** The fields an update changed (absent on creation). */
  changed: Type.Optional(Type.Array(Type.String())),
};

function event<const S extends SubjectType, P extends TSchema>(subject: S, description: string, payload: P) {
  return { subject, description, payload };
}

export const EVENT_CATALOGUE = {
  'ticket.created': event(
    'ticket',
    'A ticket was opened, on any channel. `assigned_to` and `team_id` are the ticket’s at creation; routing on arrival follows as ticket.assigned.',
    Type.Object(
      {
        ...ticketRef,
        channel: oneOf(TICKET_CHANNELS),
        customer_id: id,
        assigned_to: idOrNull,
        team_id: idOrNull,
      },
      closed,
    ),
  ),
  'ticket.updated': event(
    'ticket',
    'Fields of a ticket changed (also status, tags, SLA and due times): each change with its old and new value.',
    Type.Object(
      {
        ticket_id: id,
        changes: Type.Array(Type.Object({ field: Type.String(), old: fieldValue, new: fieldValue }, closed)),
        reason: Type.Optional(Type.String()),
      },
      closed,
    ),
  ),
  'ticket.status_changed': event(
    'ticket',
    'A ticket moved through its lifecycle (recorded with ticket.updated).',
    Type.Object(
      { ...ticketRef, from: ticketStatus, to: ticketStatus, reason: Type.Optional(Type.String()) },
      closed,
    ),
  ),
  'ticket.merged': event(
    'ticket',
    'A ticket (the duplicate) was merged into another: its messages and attachments moved there, it was closed, and its number now resolves to `into_ticket_number`.',
    Type.Object(
      {
        ...ticketRef,
        into_ticket_id: id,
        into_ticket_number: Type.String(),
        messages_moved: Type.Integer({ minimum: 0 }),
        attachments_moved: Type.Integer({ minimum: 0 }),
      },
      closed,
    ),
  ),
  'ticket.duplicate_dismissed': event(
    'ticket',
    'An agent said the ticket is not a duplicate of `other_ticket_number`: the pair is no longer suggested, in either direction.',
    Type.Object({ ...ticketRef, other_ticket_id: id, other_ticket_number: Type.String() }, closed),
  ),
  'ticket.assigned': event(
    'ticket',
    'A ticket changed hands: assigned, reassigned, unassigned or escalated, between agents and/or teams.',
    Type.Object(
      {
        ticket_id: id,
        action: oneOf(ASSIGNMENT_ACTIONS),
        from_user_id: idOrNull,
        to_user_id: idOrNull,
        from_team_id: idOrNull,
        to_team_id: idOrNull,
        reason: Type.String(),
      },
      closed,
    ),
  ),
  'ticket.escalated': event(
    'ticket',
    'A ticket was escalated to a team, by an agent or by the SLA breach sweep. `moved` is false when it was already there.',
    Type.Object(
      {
        ...ticketRef,
        to_team_id: id,
        reason: Type.String(),
        moved: Type.Boolean(),
        assigned_to: idOrNull,
      },
      closed,
    ),
  ),
  'ticket.tagged': event(
    'ticket',
    'Tags were added to or removed from a ticket; `tags` is the full set after the change.',
    Type.Object(
      {
        ...ticketRef,
        added: Type.Array(Type.String()),
        removed: Type.Array(Type.String()),
        tags: Type.Array(Type.String()),
      },
      closed,
    ),
  ),
  'ticket.rated': event(
    'ticket',
    'The customer rated the resolution (1–5); `previous` is the earlier rating, if any.',
    Type.Object(
      {
        ticket_id: id,
        rating: Type.Integer({ minimum: 1, maximum: 5 }),
        previous: Type.Union([Type.Integer(), Type.Null()]),
      },
      closed,
    ),
  ),
  'ticket.rated_badly': event(
    'ticket',
    'The customer rated the resolution 1 or 2 (recorded with ticket.rated): the assignee is notified.',
    Type.Object(
      {
        ...ticketRef,
        rating: Type.Integer({ minimum: 1, maximum: 2 }),
        assigned_to: idOrNull,
      },
      closed,
    ),
  ),
  'message.created': event(
    'message',
    'A reply or an internal note was added to a ticket. Internal notes (`is_internal`) never reach customers.',
    Type.Object(
      { ticket_id: id, message_id: id, message_type: oneOf(MESSAGE_TYPES), is_internal: Type.Boolean() },
      closed,
    ),
  ),
  'chat.status_changed': event(
    'ticket',
    'A live chat moved on: offered to an agent (`agent_id`), answered (active), continued by email because nobody was available, or ended.',
    Type.Object(
      {
        ticket_id: id,
        conversation_id: id,
        status: oneOf(['waiting', 'offered', 'active', 'email', 'ended'] as const),
        agent_id: idOrNull,
      },
      closed,
    ),
  ),
  'channel.reply': event(
    'message',
    'A public staff reply on a ticket that came from a social inbox or another system: send it back there under the external ids.',
    Type.Object(
      {
        ...ticketRef,
        message_id: id,
        channel: oneOf(['social', 'api'] as const),
        source: Type.String(),
        external_conversation_id: Type.String(),
        external_user_id: Type.String(),
      },
      closed,
    ),
  ),
  'email.status_changed': event(
    'ticket',
    'A mail to the ticket’s customer was queued, sent, failed or bounced (`status` of its outbox row; `message_id`: the message it carries, if any). Staff only.',
    Type.Object(
      {
        ticket_id: id,
        outbound_email_id: id,
        message_id: idOrNull,
        status: oneOf(OUTBOUND_EMAIL_STATUSES),
      },
      closed,
    ),
  ),
  'sla.warning': event(
    'ticket',
    'A ticket’s first response or resolution is due soon (its SLA’s warning time passed).',
    Type.Object({ ...slaEvent, warning_at: time }, closed),
  ),
  'sla.breached': event(
    'ticket',
    'A ticket’s first response or resolution is overdue. `escalated_to_team_id` names the team it was escalated to, if its SLA escalates.',
    Type.Object({ ...slaEvent, escalated_to_team_id: idOrNull }, closed),
  ),
  'kb.article.created': event(
    'article',
    'A knowledge-base article was created as a draft.',
    Type.Object(article, closed),
  ),
  'kb.article.published': event(
    'article',
    'A knowledge-base article was published (created published, or moved from draft/archived).',
    Type.Object(article, closed),
  ),
  'kb.article.draft': event(
    'article',
    'A published or archived article went back to draft.',
    Type.Object(article, closed),
  ),
  'kb.article.archived': event(
    'article',
    'A knowledge-base article was archived.',
    Type.Object(article, closed),
  ),
  'kb.article.updated': event(
    'article',
    'A knowledge-base article was edited (its status unchanged).',
    Type.Object(article, closed),
  ),
  'kb.article.deleted': event(
    'article',
    'A knowledge-base article was deleted.',
    Type.Object({ article_id: id, slug: Type.String(), language: Type.String() }, closed),
  ),
  'kb.article.drafted_from_ticket': event(
    'article',
    'A draft article was started from a resolved ticket.',
    Type.Object({ article_id: id, ...ticketRef }, closed),
  ),
  'user.availability_changed': event(
    'user',
    'A staff member became available, away or offline for automatic assignment.',
    Type.Object({ user_id: id, from: oneOf(AVAILABILITIES), to: oneOf(AVAILABILITIES) }, closed),
  ),
  'notification.created': event(
    'user',
    'An in-app notification was created for a staff member (`kind`: assigned, team_queue, customer_replied, sla_warning, sla_breached, mentioned…).',
    Type.Object({ user_id: id, notification_id: id, kind: Type.String(), ticket_id: idOrNull }, closed),
  ),
} as const;

export type EventCatalogue = typeof EVENT_CATALOGUE;
/** Every event type the product records. */
export type EventType = keyof EventCatalogue;
/** The payload of one event type, as its schema describes it. */
export type EventPayload<T extends EventType> = Static<EventCatalogue[T]['payload']>;
/** The subject of one event type. */
export type EventSubject<T extends EventType> = EventCatalogue[T]['subject'];

export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_CATALOGUE, type);
}

/**
 * The catalogue as plain JSON (for OpenAPI components, the webhook docs, a subscriber's UI): per type its
 * subject, description and payload JSON schema.
 */
export function eventCatalogueDocument(): Record<
  EventType,
  { subject: SubjectType; description: string; payload: Record<string, unknown> }
> {
  return Object.fromEntries(
    EVENT_TYPES.map((type) => {
      const entry = EVENT_CATALOGUE[type];
      // JSON round trip: drops TypeBox's symbol-keyed metadata, leaving the bare JSON schema.
      const payload = JSON.parse(JSON.stringify(entry.payload)) as Record<string, unknown>;
      return [type, { subject: entry.subject, description: entry.description, payload }];
    }),
  ) as ReturnType<typeof eventCatalogueDocument>;
}
