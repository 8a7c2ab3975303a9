/** JSON schemas of the live chat endpoints. */
export const TAGS = ['chat'];

export const availabilitySchema = {
  type: 'object',
  properties: {
    enabled: { type: 'boolean' },
    available: { type: 'boolean', description: 'an agent can take a chat now' },
    agents_available: { type: 'integer' },
    queue: { type: 'integer', description: 'chats waiting for an agent' },
    expected_wait_seconds: { type: ['integer', 'null'] },
  },
} as const;

export const startChatBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', maxLength: 200 },
    email: { type: 'string', maxLength: 254 },
    message: { type: 'string', maxLength: 5000 },
    language: { type: 'string', enum: ['en', 'de'] },
    customer_token: {
      type: 'string',
      maxLength: 4000,
      description:
        'signed by the host shop for a logged-in customer: `<base64url JSON {email, name?, exp}>.<hex HMAC-SHA256(chat_identity secret, first part)>`',
    },
  },
} as const;

export const SOCKET_DOCS =
  'Then open the WebSocket `GET /api/support/chat/socket?workspace=<slug>` and send ' +
  '`{"type":"auth","token":"<token>","after":<last message id seen>}` first. Frames: `message` ' +
  '`{client_id, text}` (acknowledged by `ack {client_id, id}`; the same client_id again is the same line), ' +
  '`typing {typing}`, `end`; the server sends `ready`, `message {id, author, name, text, client_id, created_at}`, ' +
  '`typing {who, name, typing}`, `status {status}` and `error {code, message}`. Staff connect with their ' +
  'session (same origin) or bearer token and add `ticket_id` to message/typing/end; `history {ticket_id, after}` replays.';

export const startedChatSchema = {
  type: 'object',
  properties: {
    token: { type: 'string', description: 'the visitor token (X-Chat-Token, socket auth); shown once' },
    conversation_id: { type: 'integer' },
    ticket_number: { type: 'string' },
    status: { type: 'string', enum: ['waiting', 'offered', 'active', 'email', 'ended'] },
    identified: { type: 'boolean' },
    availability: availabilitySchema,
  },
} as const;

export const transcriptSchema = {
  type: 'object',
  properties: { sent_to: { type: 'string' }, lines: { type: 'integer' } },
} as const;

export const chatTokenHeaders = {
  type: 'object',
  properties: { 'x-chat-token': { type: 'string', maxLength: 200 } },
  required: ['x-chat-token'],
} as const;

export const conversationListSchema = {
  type: 'object',
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          ticket_id: { type: 'integer' },
          ticket_number: { type: 'string' },
          subject: { type: 'string' },
          status: { type: 'string' },
          offered_to: { type: ['integer', 'null'] },
          accepted_by: { type: ['integer', 'null'] },
          language: { type: 'string' },
          identified: { type: 'boolean' },
          customer: { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string' } } },
          created_at: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
} as const;
