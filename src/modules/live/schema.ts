/** The live stream's and presence's schemas (they also document the SSE format in OpenAPI). */
import { eventTypeList } from '../../platform/events/openapi.js';
import { PRESENCE_STATES } from './presence.js';

export const STREAM_DESCRIPTION = `Server-Sent Events (text/event-stream) of the workspace's committed events, as the
caller may see them. Every event is one frame:

    id: <position>
    event: <type, e.g. message.created>
    data: <one line of JSON>

Staff get every event of the workspace, internal notes included:
\`{"id", "type", "subject_type", "subject_id", "ticket_id", "actor": {"user_id", "customer_id"}, "payload", "created_at"}\`
(\`notification.*\` events only for the user named by \`payload.user_id\`).
Customers get only events of their own tickets, never anything about an internal note:
\`{"id", "type", "ticket_id", "payload", "created_at"}\` where payload is \`{ticket_number}\` for ticket.created,
\`{message_id, message_type}\` for a public message.created, \`{changes: [{field, old, new}]}\` of status, subject,
description, priority and category for ticket.updated, and \`{}\` for ticket.status_changed and ticket.rated.

Staff also get \`event: presence\` frames without an id: \`{"ticket_id", "user": {"id", "name"}, "state":
"viewing"|"typing"|"left", "expires_at"}\` (PUT /api/support/tickets/{id}/presence).

Resume after a reconnect with the \`Last-Event-ID\` header (browsers send it) or \`?last_event_id=\` (the
header wins when both are sent): the stream first replays what was committed after that position, without
gaps or repeats — up to 5,000 events; a client further behind gets one \`event: reset\` frame
(\`{"reason": "too_far_behind"}\`, no id) and the stream goes on live from now: reload what you show.
Every signed-in API read (GET) of a process serving streams answers with \`X-Event-Position\`, the log's position
before it was answered: open the stream with the earliest of those of the reads you show as
\`last_event_id\`, and nothing committed between the reads and the stream's opening is missed. Comment lines
(\`: heartbeat\`) come every 15 s. A client that stops reading is disconnected.

The event types and the schema of each one's staff \`payload\` (components named after the type):

${eventTypeList()}`;

export const streamQuery = {
  type: 'object',
  properties: {
    last_event_id: {
      type: 'string',
      maxLength: 40,
      description: 'resume after this event id (as the Last-Event-ID header)',
    },
    workspace: {
      type: 'string',
      maxLength: 63,
      description: 'the workspace slug, for browsers (EventSource cannot send X-Workspace)',
    },
  },
  additionalProperties: false,
} as const;

export const streamResponse = {
  description: 'The event stream (never ends by itself)',
  content: { 'text/event-stream': { schema: { type: 'string' } } },
} as const;

export const presenceBody = {
  type: 'object',
  required: ['state'],
  properties: {
    state: {
      type: 'string',
      enum: [...PRESENCE_STATES],
      description: 'viewing or typing (refresh within 30 s to stay), or left',
    },
  },
  additionalProperties: false,
} as const;

const presenceSchema = {
  type: 'object',
  properties: {
    ticket_id: { type: 'integer' },
    user: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    state: { type: 'string', enum: [...PRESENCE_STATES] },
    expires_at: { type: 'string', format: 'date-time' },
  },
} as const;

export const presenceResponse = {
  type: 'object',
  properties: {
    you: presenceSchema,
    others: { type: 'array', items: presenceSchema, description: 'the other agents on the ticket now' },
  },
} as const;
