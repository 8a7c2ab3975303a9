/**
 * The webhook requests as OpenAPI 3.1 `webhooks`: what a receiver gets for each event type — the JSON
 * body, the headers, the signature and the retry schedule. app.ts puts it into the served document.
 */
import type { SwaggerOptions } from '@fastify/swagger';
import { WEBHOOK_EVENT_TYPES } from './catalogue.js';

type OpenApiDocument = NonNullable<Extract<SwaggerOptions, { openapi?: unknown }>['openapi']>;
/** The `webhooks` member of an OpenAPI 3.1 document, as @fastify/swagger types it. */
export type OpenApiWebhooks = NonNullable<Extract<OpenApiDocument, { webhooks?: unknown }>['webhooks']>;

const SIGNATURE_DOCS =
  '`X-Bfg2-Signature: t=<unix seconds>,v1=<hex>` where v1 = HMAC-SHA256(secret, `<t>.<raw body>`). Verify: ' +
  'split the header at commas, recompute the HMAC over the timestamp, a dot and the raw body bytes with ' +
  'the subscription’s secret, compare in constant time, and refuse timestamps more than 5 minutes away ' +
  '(replays). Answer 2xx within 10 s. Anything else — another status (3xx included: redirects are not ' +
  'followed), a timeout, a refused connection — is retried after 10 s, 30 s, 90 s, 4.5 min, 13.5 min, ' +
  '40 min, 2 h, then every 4 h, until 24 h after the first attempt; then the delivery is `failed` (see ' +
  'the delivery log, and redeliver). Deliveries about one ticket are sent one after the other, in event ' +
  'order. X-Bfg2-Delivery identifies a delivery: a receiver may see one twice (at least once) and can ' +
  'de-duplicate by it.';

const body = {
  type: 'object',
  required: ['id', 'type', 'created_at', 'workspace', 'subject', 'actor', 'data'],
  properties: {
    id: { type: 'integer', description: 'The event id (increasing per install)' },
    type: { type: 'string', enum: [...WEBHOOK_EVENT_TYPES] },
    created_at: { type: 'string', format: 'date-time' },
    workspace: {
      type: 'object',
      properties: { id: { type: 'integer' }, slug: { type: 'string' } },
    },
    subject: {
      type: 'object',
      properties: { type: { type: 'string' }, id: { type: 'integer' } },
    },
    actor: {
      type: 'object',
      properties: {
        user_id: { type: ['integer', 'null'] },
        customer_id: { type: ['integer', 'null'] },
      },
    },
    data: {
      type: 'object',
      additionalProperties: true,
      description: 'The event’s payload (see the event catalogue), with ticket_id for ticket events',
    },
    message: {
      type: 'object',
      description:
        'message.created only: the message. Internal notes are sent only to subscriptions with include_internal.',
      properties: {
        id: { type: 'integer' },
        ticket_id: { type: 'integer' },
        message_type: { type: 'string', enum: ['customer', 'agent', 'note', 'system'] },
        message: { type: 'string' },
        sender_name: { type: 'string' },
        sender_email: { type: 'string' },
        is_staff_reply: { type: 'boolean' },
        is_internal: { type: 'boolean' },
        created_at: { type: 'string', format: 'date-time' },
      },
    },
  },
};

const header = (name: string, description: string) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string' },
});

/** The `webhooks` object of the OpenAPI document: one POST per event type. */
export function webhookOpenApi(): OpenApiWebhooks {
  const webhooks = Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          tags: ['admin: webhooks'],
          summary: `${type}, POSTed to each subscription that takes it`,
          description: SIGNATURE_DOCS,
          parameters: [
            header('X-Bfg2-Signature', 't=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>'),
            header('X-Bfg2-Event', 'The event type'),
            header('X-Bfg2-Delivery', 'The delivery id (the same on every attempt and redelivery)'),
          ],
          requestBody: { required: true, content: { 'application/json': { schema: body } } },
          responses: { '2XX': { description: 'Accepted; anything else is retried' } },
        },
      },
    ]),
  );
  // Plain JSON literals: openapi-types' literal unions (type: 'integer', in: 'header') are not inferred.
  return webhooks as unknown as OpenApiWebhooks;
}
