/** JSON schemas of the admin inbound-mail endpoints. */
import { nullable, pageSchema, problems } from '../../../platform/http/json-schema.js';
import { PAGINATION_QUERY } from '../../../platform/pagination.js';

export const inboundEmailSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    message_id: { type: 'string' },
    mailbox: nullable({ type: 'integer' }),
    mailbox_address: { type: 'string' },
    source: { type: 'string', enum: ['smtp', 'imap'] },
    status: { type: 'string', enum: ['received', 'processed', 'ignored', 'failed'] },
    classification: { type: 'string', enum: ['normal', 'bulk', 'auto', 'bounce'] },
    error: { type: 'string' },
    attempts: { type: 'integer' },
    ticket: nullable({ type: 'integer' }),
    message: nullable({ type: 'integer' }),
    size: { type: 'integer', description: 'bytes of the raw mail' },
    received_at: { type: 'string', format: 'date-time' },
    processed_at: nullable({ type: 'string', format: 'date-time' }),
  },
} as const;

export const inboundEmailDetailSchema = {
  type: 'object',
  properties: {
    ...inboundEmailSchema.properties,
    html_body: nullable({ type: 'string', description: 'sanitised; remote resources removed' }),
    folded_text: { type: 'string', description: 'the quoted history and signature folded from the message' },
    headers: {
      type: 'array',
      description: 'the header fields as they arrived (unfolded, encoded words left as they are)',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, value: { type: 'string' } },
        required: ['name', 'value'],
      },
    },
    source_preview: {
      type: 'string',
      description: 'the start of the raw body (MIME source, as text); the whole mail is at …/raw/',
    },
  },
} as const;

export const rawMailResponse = {
  description: 'The raw mail (message/rfc822)',
  content: { 'message/rfc822': { schema: { type: 'string', format: 'binary' } } },
} as const;

export const inboundEmailParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const;

export const listInboundQuery = {
  type: 'object',
  properties: {
    ...PAGINATION_QUERY,
    status: { type: 'string', enum: ['received', 'processed', 'ignored', 'failed'] },
    classification: { type: 'string', enum: ['normal', 'bulk', 'auto', 'bounce'] },
    workspace: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const inboundPageSchema = pageSchema(inboundEmailSchema);
export const inboundProblems = problems(400, 403, 404);
