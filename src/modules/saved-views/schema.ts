/** JSON schemas of /api/support/me/views/ (validation, serialisation, OpenAPI). */
import { problems } from '../../platform/http/json-schema.js';

export const TAGS = ['saved views'];
/** At most this many views per agent and workspace (a list to pick from, not a store). */
export const MAX_VIEWS = 50;

const name = { type: 'string', minLength: 1, maxLength: 60, pattern: '\\S', description: 'unique per agent' };
const query = {
  type: 'string',
  maxLength: 1000,
  pattern: '^[^?#\\s]*$',
  description:
    'the desk’s inbox query string without "?" (view, filters, search, sort), e.g. view=all&priority=high',
};

export const savedViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    query: { type: 'string' },
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'name', 'query', 'created_at', 'updated_at'],
} as const;

export const savedViewList = {
  type: 'object',
  properties: { results: { type: 'array', items: savedViewSchema } },
  required: ['results'],
} as const;

export const saveViewBody = {
  type: 'object',
  required: ['name', 'query'],
  properties: { name, query },
  additionalProperties: false,
} as const;

export const importViewsBody = {
  type: 'object',
  required: ['views'],
  properties: {
    views: { type: 'array', maxItems: MAX_VIEWS, items: saveViewBody },
  },
  additionalProperties: false,
} as const;

export const viewParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1, maximum: 9007199254740991 } },
} as const;

export const errors = problems(400, 401, 403, 404);
export const problems422 = problems(422);
