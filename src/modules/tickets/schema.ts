/** JSON schemas of the ticket endpoints: they validate requests, shape responses and feed OpenAPI. */
import { TICKET_CHANNELS, TICKET_STATUSES } from '../../db/schema.js';
import { PAGINATION_QUERY } from '../../platform/pagination.js';
import { TICKET_SORTS } from './list-tickets.js';
import { nullable, pageSchema } from '../../platform/http/json-schema.js';

const ts = { type: 'string', format: 'date-time' } as const;
const named = (extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties: { id: { type: 'integer' }, name: { type: 'string' }, ...extra },
});

export const ticketSchema = {
  $id: 'Ticket',
  type: 'object',
  properties: {
    id: { type: 'integer' },
    version: {
      type: 'integer',
      description: 'staff only: bumped by every message and change (also the ETag); send it back as based_on',
    },
    ticket_number: { type: 'string' },
    subject: { type: 'string' },
    description: { type: 'string' },
    status: { type: 'string', enum: TICKET_STATUSES },
    channel: { type: 'string', enum: TICKET_CHANNELS },
    customer: named({ email: { type: 'string' } }),
    category: nullable(named({ slug: { type: 'string' } })),
    priority: named({ code: { type: 'string' }, color: { type: 'string' } }),
    assigned_to: nullable(named({ email: { type: 'string' } })),
    team: nullable(named()),
    source_email: { type: 'string' },
    source_phone: { type: 'string' },
    order: nullable({ type: 'string' }),
    order_url: nullable({ type: 'string' }),
    consignment: nullable({ type: 'string' }),
    consignment_url: nullable({ type: 'string' }),
    sla: nullable(named()),
    first_response_at: nullable(ts),
    resolved_at: nullable(ts),
    closed_at: nullable(ts),
    response_due_at: nullable(ts),
    resolution_due_at: nullable(ts),
    response_warning_at: nullable(ts),
    resolution_warning_at: nullable(ts),
    sla_paused_at: {
      ...nullable(ts),
      description: 'set while pending/on hold: the resolution clock is paused',
    },
    response_breached: { type: 'boolean' },
    resolution_breached: { type: 'boolean' },
    satisfaction_rating: nullable({ type: 'integer' }),
    satisfaction_comment: { type: 'string' },
    tags: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          slug: { type: 'string' },
          color: { type: 'string' },
        },
      },
    },
    created_at: ts,
    updated_at: ts,
    can: {
      type: 'object',
      description: 'What the caller may do with this ticket',
      properties: {
        reply: { type: 'boolean' },
        add_note: { type: 'boolean' },
        change_status: { type: 'array', items: { type: 'string', enum: TICKET_STATUSES } },
        assign: { type: 'boolean' },
        rate: { type: 'boolean' },
      },
    },
  },
} as const;

export const messageSchema = {
  $id: 'TicketMessage',
  type: 'object',
  properties: {
    id: { type: 'integer' },
    message: { type: 'string' },
    message_type: { type: 'string', enum: ['customer', 'agent', 'note', 'system'] },
    sender: nullable({ type: 'integer' }),
    sender_name: { type: 'string' },
    sender_email: { type: 'string' },
    is_staff_reply: { type: 'boolean' },
    is_internal: { type: 'boolean' },
    has_html: {
      type: 'boolean',
      description:
        'Staff only (absent for customers): the message came by mail with an HTML part, shown sanitised at messages/{message_id}/html of the ticket',
    },
    attachments: {
      type: 'array',
      description: 'The files sent with this message; download one at attachments/{id}/ of the ticket',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          filename: { type: 'string' },
          file_size: { type: 'integer', description: 'bytes' },
          mime_type: { type: 'string', description: 'sniffed from the content' },
        },
        // The list is stored with the message as written at upload: nothing it holds is dropped.
        additionalProperties: true,
      },
    },
    created_at: ts,
    delivery: nullable({
      type: 'object',
      description:
        'Staff only (absent for customers): the mail that carried this message to the customer — pending, sending, sent, failed or bounced; needs_review when sending was interrupted and it may have been delivered.',
      properties: {
        email_id: { type: 'integer' },
        status: { type: 'string', enum: ['pending', 'sending', 'sent', 'failed', 'bounced'] },
        to: { type: 'string' },
        sent_at: nullable(ts),
        last_error: { type: 'string' },
        needs_review: { type: 'boolean' },
        bounced_at: nullable(ts),
        bounce_reason: { type: 'string' },
      },
      required: [
        'email_id',
        'status',
        'to',
        'sent_at',
        'last_error',
        'needs_review',
        'bounced_at',
        'bounce_reason',
      ],
    }),
  },
} as const;

export const ticketDetailSchema = {
  type: 'object',
  properties: {
    ...ticketSchema.properties,
    description_has_html: {
      type: 'boolean',
      description:
        'Staff only (absent for customers): the ticket was opened by a mail with an HTML part, shown sanitised at description/html',
    },
    messages: { type: 'array', items: { $ref: 'TicketMessage#' } },
    attachments: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          message_id: nullable({ type: 'integer' }),
          filename: { type: 'string' },
          file_size: { type: 'integer' },
          mime_type: { type: 'string' },
          uploaded_at: ts,
        },
      },
    },
  },
} as const;

export const ticketPageSchema = pageSchema({ $ref: 'Ticket#' });

const csv = (pattern: string) => ({ type: 'string', pattern, maxLength: 500 });
const STATUS_LIST = `^(${TICKET_STATUSES.join('|')})(,(${TICKET_STATUSES.join('|')}))*$`;
const CHANNEL_LIST = `^(${TICKET_CHANNELS.join('|')})(,(${TICKET_CHANNELS.join('|')}))*$`;
const SORT = `^-?(${TICKET_SORTS.join('|')})$`;

export const listQuerySchema = {
  type: 'object',
  properties: {
    ...PAGINATION_QUERY,
    status: { ...csv(STATUS_LIST), description: 'one status or several, comma-separated' },
    sort: {
      type: 'string',
      pattern: SORT,
      description:
        'created_at (newest first), -created_at, response_due_at …, relevance (with q: best BM25 match first)',
    },
    workspace: { type: 'string' },
    q: {
      type: 'string',
      maxLength: 200,
      description:
        'search: full text over subject, description and messages (web-search syntax: "a phrase", -word, OR), ' +
        'or the start of a ticket number (DEMO-1) or customer email (anna@)',
    },
  },
  additionalProperties: false,
} as const;

export const adminListQuerySchema = {
  type: 'object',
  properties: {
    ...listQuerySchema.properties,
    priority: { type: 'string', maxLength: 200, description: 'priority codes or ids, comma-separated' },
    category: { type: 'string', maxLength: 200, description: 'category slugs or ids, comma-separated' },
    team: {
      anyOf: [{ type: 'integer' }, { type: 'string', enum: ['mine'] }],
      description: 'a team id, or mine (the teams I am a member of)',
    },
    assigned_to: { type: 'string', pattern: '^(\\d+|me|none)$', description: 'a user id, me or none' },
    tag: { type: 'string', maxLength: 50, description: 'tag slug or id' },
    channel: csv(CHANNEL_LIST),
    customer: { type: 'string', maxLength: 254, description: 'customer id or email' },
    breached: { type: 'boolean' },
    order: { type: 'string', maxLength: 100 },
    consignment: { type: 'string', maxLength: 100 },
  },
  additionalProperties: false,
} as const;

export const createTicketBody = {
  type: 'object',
  required: ['subject', 'description'],
  properties: {
    subject: { type: 'string', minLength: 1, maxLength: 255 },
    description: { type: 'string', minLength: 1, maxLength: 100_000 },
    category: { type: ['integer', 'string', 'null'], maxLength: 100, description: 'category id or slug' },
    priority: { type: ['integer', 'string', 'null'], maxLength: 20, description: 'priority id or code' },
    channel: { type: 'string', enum: TICKET_CHANNELS },
    order: nullable({ type: 'string', maxLength: 100 }),
    consignment: nullable({ type: 'string', maxLength: 100 }),
    source_phone: { type: 'string', maxLength: 50 },
    customer: {
      type: ['integer', 'string'],
      maxLength: 254,
      description: 'staff only: the customer id or email (created if new)',
    },
    email: { type: 'string', maxLength: 254, description: 'web form without login: your email' },
    name: { type: 'string', maxLength: 150 },
    external_id: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description:
        'staff only: your id for this ticket (per channel); sent again, the first ticket is returned (200)',
    },
  },
  additionalProperties: false,
} as const;

export const updateTicketBody = {
  type: 'object',
  minProperties: 1,
  properties: {
    priority: { type: ['integer', 'string'], maxLength: 20, description: 'priority id or code' },
    category: {
      type: ['integer', 'string', 'null'],
      maxLength: 100,
      description: 'category id or slug; null removes it',
    },
    sla: {
      type: ['integer', 'null'],
      description: 'pin this SLA to the ticket; null unpins (the category’s SLA or the default applies)',
    },
    subject: { type: 'string', minLength: 1, maxLength: 255 },
    based_on: {
      type: 'integer',
      minimum: 1,
      description:
        'staff only: the ticket version this write is based on (`version` / ETag of the ticket; or send ' +
        'If-Match); 409 with the newer messages and changes when someone else changed the ticket since',
    },
  },
  additionalProperties: false,
} as const;

export const statusBody = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: TICKET_STATUSES },
    reason: { type: 'string', maxLength: 2000 },
    based_on: {
      type: 'integer',
      minimum: 1,
      description:
        'staff only: the ticket version this write is based on (`version` / ETag of the ticket; or send ' +
        'If-Match); 409 with the newer messages and changes when someone else changed the ticket since',
    },
  },
  additionalProperties: false,
} as const;

export const rateBody = {
  type: 'object',
  required: ['rating'],
  properties: {
    rating: { type: 'integer', minimum: 1, maximum: 5 },
    comment: { type: 'string', maxLength: 5000 },
  },
  additionalProperties: false,
} as const;

export const ticketParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 60, description: 'ticket id or ticket number' } },
} as const;
