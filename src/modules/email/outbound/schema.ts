/** JSON schemas of a ticket's outgoing mail (staff) and the mail templates (admin). */
import { MAIL_TEMPLATE_KINDS, OUTBOUND_EMAIL_KINDS, OUTBOUND_EMAIL_STATUSES } from '../../../db/schema.js';
import { nullable, pageSchema } from '../../../platform/http/json-schema.js';
import { PAGINATION_QUERY } from '../../../platform/pagination.js';
import { MAIL_LANGUAGES } from './default-templates.js';
import { MAIL_PLACEHOLDERS } from './render-mail.js';

export const EMAIL_TAGS = ['tickets: outgoing mail'];
export const TEMPLATE_TAGS = ['admin: mail templates'];
const timestamp = { type: 'string', format: 'date-time' } as const;
const id = { type: 'integer', minimum: 1, maximum: 9007199254740991 } as const;
const ticketRef = { type: 'string', maxLength: 60, description: 'ticket id or ticket number' } as const;

export const ticketEmailsParams = {
  type: 'object',
  properties: { id: ticketRef },
  required: ['id'],
} as const;

export const ticketEmailParams = {
  type: 'object',
  properties: { id: ticketRef, emailId: id },
  required: ['id', 'emailId'],
} as const;

export const listQuery = {
  type: 'object',
  properties: { ...PAGINATION_QUERY },
  additionalProperties: false,
} as const;

export const outboundEmailSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', enum: [...OUTBOUND_EMAIL_KINDS] },
    status: {
      type: 'string',
      enum: [...OUTBOUND_EMAIL_STATUSES],
      description: 'pending → sending → sent | failed | bounced',
    },
    to: { type: 'string' },
    cc: { type: 'array', items: { type: 'string' } },
    subject: { type: 'string' },
    message_id: { type: 'string', description: 'the Message-ID header the mail carries' },
    message: nullable({ type: 'integer', description: 'the ticket message it carries' }),
    attempts: { type: 'integer' },
    last_error: { type: 'string' },
    needs_review: {
      type: 'boolean',
      description:
        'Sending was interrupted after the mail was handed over: it may have been delivered. Not resent automatically.',
    },
    attachments: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          filename: { type: 'string' },
          content_type: { type: 'string' },
          size: { type: 'integer' },
        },
        required: ['filename', 'content_type', 'size'],
      },
    },
    created_at: timestamp,
    sent_at: nullable(timestamp),
    bounced_at: nullable(timestamp),
    bounce_reason: { type: 'string' },
  },
  required: [
    'id',
    'kind',
    'status',
    'to',
    'cc',
    'subject',
    'message_id',
    'message',
    'attempts',
    'last_error',
    'needs_review',
    'attachments',
    'created_at',
    'sent_at',
    'bounced_at',
    'bounce_reason',
  ],
} as const;

export const outboundEmailPage = pageSchema(outboundEmailSchema);

export const retryBody = {
  type: ['object', 'null'],
  properties: {
    confirm_possible_duplicate: {
      type: 'boolean',
      description: 'Required for a mail whose sending was interrupted (needs_review): it may go out twice',
    },
  },
  additionalProperties: false,
} as const;

export const templateParams = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: [...MAIL_TEMPLATE_KINDS] },
    language: { type: 'string', enum: [...MAIL_LANGUAGES] },
  },
  required: ['kind', 'language'],
} as const;

const PLACEHOLDER_DOCS = `Placeholders: ${MAIL_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}; escaped in the HTML part.`;

export const templateSchema = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: [...MAIL_TEMPLATE_KINDS] },
    language: { type: 'string', enum: [...MAIL_LANGUAGES] },
    text_body: { type: 'string', description: PLACEHOLDER_DOCS },
    html_body: { type: 'string', description: PLACEHOLDER_DOCS },
    is_default: { type: 'boolean', description: 'false: the workspace saved its own wording' },
    updated_at: nullable(timestamp),
  },
  required: ['kind', 'language', 'text_body', 'html_body', 'is_default', 'updated_at'],
} as const;

export const templateList = {
  type: 'object',
  properties: {
    results: { type: 'array', items: templateSchema },
    placeholders: {
      type: 'array',
      items: { type: 'string', enum: [...MAIL_PLACEHOLDERS] },
      description: 'the placeholders a template may use, without braces',
    },
  },
  required: ['results', 'placeholders'],
} as const;

export const saveTemplateBody = {
  type: 'object',
  properties: {
    text_body: { type: 'string', minLength: 1, maxLength: 100000 },
    html_body: { type: 'string', minLength: 1, maxLength: 100000 },
  },
  additionalProperties: false,
  minProperties: 1,
} as const;

export const previewTemplateBody = {
  type: ['object', 'null'],
  properties: {
    text_body: { type: 'string', maxLength: 100000 },
    html_body: { type: 'string', maxLength: 100000 },
  },
  additionalProperties: false,
} as const;

export const templatePreview = {
  type: 'object',
  properties: {
    subject: { type: 'string', description: 'the subject line every customer mail carries' },
    text_body: { type: 'string' },
    html_body: { type: 'string', description: 'show it in a sandboxed frame' },
  },
  required: ['subject', 'text_body', 'html_body'],
} as const;
