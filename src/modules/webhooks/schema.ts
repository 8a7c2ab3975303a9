/** JSON schemas of /api/support/admin/webhooks/: validation, serialisation and the OpenAPI document. */
import { nullable, pageSchema } from '../../platform/http/json-schema.js';
import { PAGINATION_QUERY } from '../../platform/pagination.js';
import { WEBHOOK_DELIVERY_STATUSES } from '../../db/schema.js';
import { ALL_EVENTS, WEBHOOK_EVENT_TYPES } from './catalogue.js';

export const TAGS = ['admin: webhooks'];
const timestamp = { type: 'string', format: 'date-time' } as const;
const id = { type: 'integer', minimum: 1, maximum: 9007199254740991 } as const;

export const subscriptionParams = {
  type: 'object',
  properties: { id },
  required: ['id'],
} as const;

export const deliveryParams = {
  type: 'object',
  properties: { id, deliveryId: id },
  required: ['id', 'deliveryId'],
} as const;

export const subscriptionSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    url: { type: 'string' },
    description: { type: 'string' },
    event_types: { type: 'array', items: { type: 'string' } },
    include_internal: {
      type: 'boolean',
      description: 'Internal notes (message.created with is_internal) are delivered only when true',
    },
    is_active: { type: 'boolean' },
    created_at: timestamp,
    updated_at: timestamp,
  },
  required: [
    'id',
    'url',
    'description',
    'event_types',
    'include_internal',
    'is_active',
    'created_at',
    'updated_at',
  ],
} as const;

export const createdSubscriptionSchema = {
  ...subscriptionSchema,
  properties: {
    ...subscriptionSchema.properties,
    secret: { type: 'string', description: 'The HMAC key of X-Bfg2-Signature (also at GET …/{id}/secret/)' },
  },
  required: [...subscriptionSchema.required, 'secret'],
} as const;

const eventTypes = {
  type: 'array',
  minItems: 1,
  maxItems: 50,
  items: { type: 'string', enum: [ALL_EVENTS, ...WEBHOOK_EVENT_TYPES] },
  description: `Catalogue event types, or ["${ALL_EVENTS}"] for all`,
} as const;

const writable = {
  url: {
    type: 'string',
    minLength: 1,
    maxLength: 2000,
    description: 'http(s); must resolve to public addresses',
  },
  description: { type: 'string', maxLength: 500 },
  event_types: eventTypes,
  include_internal: { type: 'boolean', default: false },
  is_active: { type: 'boolean', default: true },
} as const;

export const createSubscriptionBody = {
  type: 'object',
  properties: writable,
  required: ['url', 'event_types'],
  additionalProperties: false,
} as const;

export const updateSubscriptionBody = {
  type: 'object',
  properties: {
    ...writable,
    rotate_secret: { type: 'boolean', description: 'true: a new secret replaces the old one at once' },
  },
  additionalProperties: false,
} as const;

export const listQuery = {
  type: 'object',
  properties: { ...PAGINATION_QUERY, workspace: { type: 'string' } },
  additionalProperties: false,
} as const;

export const deliveryListQuery = {
  type: 'object',
  properties: {
    ...PAGINATION_QUERY,
    status: { type: 'string', enum: WEBHOOK_DELIVERY_STATUSES },
    workspace: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const deliverySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer', description: 'Also sent as X-Bfg2-Delivery' },
    subscription_id: { type: 'integer' },
    event_id: { type: 'integer' },
    event_type: { type: 'string' },
    status: { type: 'string', enum: WEBHOOK_DELIVERY_STATUSES },
    attempts: { type: 'integer' },
    response_code: nullable({ type: 'integer' }),
    duration_ms: nullable({ type: 'integer' }),
    last_error: { type: 'string' },
    next_attempt_at: nullable(timestamp),
    delivered_at: nullable(timestamp),
    created_at: timestamp,
  },
  required: ['id', 'subscription_id', 'event_id', 'event_type', 'status', 'attempts', 'created_at'],
} as const;

export const subscriptionPage = pageSchema(subscriptionSchema);
export const deliveryPage = pageSchema(deliverySchema);
