/** JSON schemas of the mailbox admin endpoints: validation, serialisation and the OpenAPI document. */
import { nullable, pageSchema } from '../../../platform/http/json-schema.js';
import { PAGINATION_QUERY } from '../../../platform/pagination.js';

export const mailboxParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const;

export const mailboxSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    address: { type: 'string' },
    display_name: { type: 'string' },
    signature: { type: 'string' },
    default_category: nullable({ type: 'integer' }),
    default_team: nullable({ type: 'integer' }),
    default_priority: nullable({ type: 'integer' }),
    auto_acknowledge: { type: 'boolean' },
    smtp_inbound: { type: 'boolean' },
    imap_host: nullable({ type: 'string' }),
    imap_port: nullable({ type: 'integer' }),
    imap_tls: { type: 'boolean' },
    imap_user: nullable({ type: 'string' }),
    imap_folder: { type: 'string' },
    has_imap_password: { type: 'boolean', description: 'the password itself is never returned' },
    has_smtp_url: { type: 'boolean', description: 'the outbound SMTP URL itself is never returned' },
    is_active: { type: 'boolean' },
    state: { type: 'string', enum: ['unknown', 'ok', 'error'] },
    last_error: { type: 'string' },
    last_checked_at: nullable({
      type: 'string',
      format: 'date-time',
      description: 'the last IMAP poll or connection test',
    }),
    imap_failures: { type: 'integer', description: 'IMAP polls failed in a row (each waits longer)' },
    next_poll_at: nullable({
      type: 'string',
      format: 'date-time',
      description: 'after failures: no IMAP poll before this time',
    }),
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
  },
  required: [
    'id',
    'address',
    'display_name',
    'signature',
    'default_category',
    'default_team',
    'default_priority',
    'auto_acknowledge',
    'smtp_inbound',
    'imap_host',
    'imap_port',
    'imap_tls',
    'imap_user',
    'imap_folder',
    'has_imap_password',
    'has_smtp_url',
    'is_active',
    'state',
    'last_error',
    'last_checked_at',
    'imap_failures',
    'next_poll_at',
    'created_at',
    'updated_at',
  ],
} as const;

const optionalId = nullable({ type: 'integer', minimum: 1 });

const writable = {
  display_name: { type: 'string', maxLength: 200 },
  signature: { type: 'string', maxLength: 10000 },
  default_category: optionalId,
  default_team: optionalId,
  default_priority: optionalId,
  auto_acknowledge: { type: 'boolean' },
  smtp_inbound: { type: 'boolean' },
  imap_host: nullable({ type: 'string', minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9.:\\[\\]-]+$' }),
  imap_port: nullable({ type: 'integer', minimum: 1, maximum: 65535 }),
  imap_tls: { type: 'boolean', description: 'TLS with certificate checks (on by default)' },
  imap_user: nullable({ type: 'string', minLength: 1, maxLength: 255 }),
  imap_password: nullable({ type: 'string', minLength: 1, maxLength: 1000, description: 'write-only' }),
  imap_folder: { type: 'string', minLength: 1, maxLength: 255 },
  smtp_url: nullable({
    type: 'string',
    maxLength: 2000,
    pattern: '^smtps?://',
    description: 'write-only; null uses the installation’s transport',
  }),
  is_active: { type: 'boolean' },
} as const;

export const createMailboxBody = {
  type: 'object',
  properties: {
    address: { type: 'string', minLength: 3, maxLength: 254, description: 'unique across the installation' },
    ...writable,
  },
  required: ['address'],
  additionalProperties: false,
} as const;

export const updateMailboxBody = {
  type: 'object',
  properties: writable,
  additionalProperties: false,
  description: 'Omitted fields are unchanged; the address cannot be changed.',
} as const;

export const listMailboxesQuery = {
  type: 'object',
  properties: { ...PAGINATION_QUERY, workspace: { type: 'string' } },
  additionalProperties: false,
} as const;

export const mailboxPageSchema = pageSchema(mailboxSchema);
