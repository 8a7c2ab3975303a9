/** JSON schemas of /api/support/notifications/: validation, serialisation and the OpenAPI document. */
import { nullable, pageSchema } from '../../platform/http/json-schema.js';
import { PAGINATION_QUERY } from '../../platform/pagination.js';
import { NOTIFICATION_KINDS } from './kinds.js';

export const TAGS = ['notifications'];
const timestamp = { type: 'string', format: 'date-time' } as const;
const kind = {
  type: 'string',
  enum: NOTIFICATION_KINDS,
  description:
    'assigned (a ticket was assigned to you), team_ticket (a ticket waits in your team’s queue), ' +
    'customer_reply (the customer replied on your ticket), sla_warning / sla_breach (on your ticket), ' +
    'mention (@your-handle in an internal note; the handle is your email address’s local part)',
} as const;

export const notificationSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind,
    title: { type: 'string' },
    ticket_id: nullable({ type: 'integer' }),
    event_id: { type: 'integer' },
    is_read: { type: 'boolean' },
    read_at: nullable(timestamp),
    created_at: timestamp,
  },
  required: ['id', 'kind', 'title', 'ticket_id', 'event_id', 'is_read', 'read_at', 'created_at'],
} as const;

export const notificationPage = pageSchema(notificationSchema);

export const listQuery = {
  type: 'object',
  properties: {
    ...PAGINATION_QUERY,
    unread: { type: 'boolean', description: 'true: only unread notifications' },
    workspace: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const idParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1, maximum: 9007199254740991 } },
  required: ['id'],
} as const;

const channels = {
  type: 'object',
  properties: { in_app: { type: 'boolean' }, email: { type: 'boolean' } },
  additionalProperties: false,
} as const;

export const preferencesSchema = {
  type: 'object',
  properties: Object.fromEntries(
    NOTIFICATION_KINDS.map((k) => [k, { ...channels, required: ['in_app', 'email'] }]),
  ),
  required: [...NOTIFICATION_KINDS],
  description: 'For each kind, whether it shows in the app (and the event stream) and whether it is emailed',
} as const;

export const preferencesBody = {
  type: 'object',
  properties: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, channels])),
  additionalProperties: false,
  description: 'The kinds and channels to change; omitted ones keep their value',
} as const;

export const unreadSchema = {
  type: 'object',
  properties: { unread: { type: 'integer' } },
  required: ['unread'],
} as const;

export const markAllSchema = {
  type: 'object',
  properties: { updated: { type: 'integer' } },
  required: ['updated'],
} as const;
