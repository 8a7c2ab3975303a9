/** JSON schemas of the tag admin endpoints: validation, serialisation and the OpenAPI document. */
import { PAGINATION_QUERY } from '../../platform/pagination.js';
import { pageSchema } from '../../platform/http/json-schema.js';

export const tagParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[a-z0-9-]{1,50}$', description: 'id or slug' } },
  required: ['id'],
} as const;

export const tagSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    slug: { type: 'string' },
    color: { type: 'string' },
  },
} as const;

const writable = {
  name: { type: 'string', minLength: 1, maxLength: 50 },
  slug: { type: 'string', minLength: 1, maxLength: 50, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
  color: { type: 'string', pattern: '^#[0-9A-Fa-f]{6}$', description: '#rrggbb' },
} as const;

export const createTagBody = {
  type: 'object',
  properties: writable,
  required: ['name'],
  additionalProperties: false,
  description: 'The slug comes from the name when omitted; it is unique per workspace (409).',
} as const;

export const updateTagBody = {
  type: 'object',
  properties: writable,
  additionalProperties: false,
  description: 'Omitted fields are unchanged.',
} as const;

export const listTagsQuery = {
  type: 'object',
  properties: { ...PAGINATION_QUERY, workspace: { type: 'string' } },
  additionalProperties: false,
} as const;

export const tagPageSchema = pageSchema(tagSchema);
