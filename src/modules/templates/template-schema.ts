/** JSON schemas of the template admin endpoints: validation, serialisation and the OpenAPI document. */
import { PAGINATION_QUERY } from '../../platform/pagination.js';
import { PLACEHOLDERS } from './render-template.js';
import { pageSchema } from '../../platform/http/json-schema.js';

const LANGUAGE = '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$';
const placeholderNote = `Placeholders: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}; unknown ones → 400.`;

export const templateParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const;

/** A template as the agents' GET /api/support/templates/ shows it. */
export const templateSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    subject: { type: 'string' },
    content: { type: 'string' },
    language: { type: 'string' },
    usage_count: { type: 'integer' },
    is_active: { type: 'boolean' },
    categories: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'integer' }, name: { type: 'string' }, slug: { type: 'string' } },
      },
    },
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
  },
} as const;

/** The same with its author, for the admin collection. */
export const adminTemplateSchema = {
  type: 'object',
  properties: {
    ...templateSchema.properties,
    created_by: {
      anyOf: [
        {
          type: 'object',
          properties: { id: { type: 'integer' }, name: { type: 'string' }, email: { type: 'string' } },
        },
        { type: 'null' },
      ],
    },
  },
} as const;

const writable = {
  name: { type: 'string', minLength: 1, maxLength: 100 },
  subject: { type: 'string', maxLength: 255 },
  content: { type: 'string', minLength: 1, maxLength: 100000 },
  language: { type: 'string', pattern: LANGUAGE },
  is_active: { type: 'boolean' },
  categories: {
    type: 'array',
    maxItems: 200,
    items: { type: ['integer', 'string'] },
    description: 'category ids or slugs; empty = the template serves every category',
  },
} as const;

export const createTemplateBody = {
  type: 'object',
  properties: writable,
  required: ['name', 'content', 'language'],
  additionalProperties: false,
  description: placeholderNote,
} as const;

export const updateTemplateBody = {
  type: 'object',
  properties: writable,
  additionalProperties: false,
  description: `Omitted fields are unchanged; categories replaces the whole list. ${placeholderNote}`,
} as const;

export const listAdminTemplatesQuery = {
  type: 'object',
  properties: {
    ...PAGINATION_QUERY,
    language: { type: 'string', pattern: LANGUAGE },
    workspace: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const adminTemplatePageSchema = pageSchema(adminTemplateSchema);
