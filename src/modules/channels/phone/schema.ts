/** JSON schemas of the phone channel: logging calls and the telephony webhook. */
export const TAGS = ['phone'];

export const logCallBody = {
  type: 'object',
  additionalProperties: false,
  required: ['phone', 'direction', 'outcome'],
  properties: {
    phone: { type: 'string', minLength: 3, maxLength: 40 },
    direction: { type: 'string', enum: ['inbound', 'outbound'] },
    outcome: {
      type: 'string',
      enum: ['answered', 'no_answer', 'busy', 'voicemail', 'missed', 'callback_requested'],
    },
    duration_seconds: { type: 'integer', minimum: 0, maximum: 86400 },
    notes: { type: 'string', maxLength: 20000 },
    ticket: {
      type: ['string', 'integer'],
      maxLength: 50,
      description: 'log on this ticket (id or number) as a note',
    },
    subject: { type: 'string', maxLength: 255 },
    customer: {
      type: ['string', 'integer'],
      maxLength: 254,
      description: 'customer id or email of a new ticket',
    },
  },
} as const;

export const loggedCallSchema = {
  type: 'object',
  properties: {
    call_id: { type: 'integer' },
    created: { type: 'boolean', description: 'a new phone ticket was opened' },
    ticket: { $ref: 'Ticket#' },
  },
} as const;

export const callReportBody = {
  type: 'object',
  additionalProperties: false,
  required: ['event', 'call_id', 'from'],
  properties: {
    event: { type: 'string', enum: ['missed_call', 'voicemail'] },
    call_id: { type: 'string', minLength: 1, maxLength: 190 },
    from: { type: 'string', minLength: 1, maxLength: 40 },
    to: { type: 'string', maxLength: 40 },
    caller_name: { type: 'string', maxLength: 200 },
    started_at: { type: 'string', maxLength: 40 },
    duration_seconds: { type: 'integer', minimum: 0, maximum: 86400 },
    recording_url: { type: 'string', maxLength: 2000, pattern: '^https?://' },
    transcription: { type: 'string', maxLength: 20000 },
  },
} as const;

export const receivedSchema = {
  type: 'object',
  properties: {
    created: { type: 'boolean' },
    ticket_id: { type: 'integer' },
    ticket_number: { type: 'string' },
    message_id: { type: ['integer', 'null'] },
  },
} as const;

export const SIGNATURE_DOCS =
  'Signed with the workspace’s secret (POST /api/support/admin/channels/secrets/{kind}/rotate/): ' +
  '`X-Bfg2-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`; a timestamp more ' +
  'than 5 minutes off → 401, the same signed request twice → 409. Name the workspace with ?workspace=<slug>.';
