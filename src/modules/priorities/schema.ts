/** JSON schemas of the priority admin endpoints: validation, serialisation and the OpenAPI document. */
import { PAGINATION_QUERY } from '../../platform/pagination.js';
import { pageSchema } from '../../platform/http/json-schema.js';

const COLOR = '^#[0-9A-Fa-f]{6}$';
const hours = { type: 'integer', minimum: 1, maximum: 100000 } as const;

export const priorityParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,20}$', description: 'id or code' } },
  required: ['id'],
} as const;

export const prioritySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    code: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    response_hours: { type: 'integer' },
    resolution_hours: { type: 'integer' },
    color: { type: 'string' },
    order: { type: 'integer' },
    is_active: { type: 'boolean' },
    is_default: { type: 'boolean', description: 'the workspace’s default priority (cannot be deleted)' },
  },
} as const;

const writable = {
  name: { type: 'string', minLength: 1, maxLength: 100 },
  description: { type: 'string', maxLength: 10000 },
  response_hours: hours,
  resolution_hours: hours,
  color: { type: 'string', pattern: COLOR, description: '#rrggbb' },
  order: { type: 'integer', minimum: -1000000, maximum: 1000000 },
  is_active: { type: 'boolean' },
} as const;

export const createPriorityBody = {
  type: 'object',
  properties: {
    code: { type: 'string', pattern: '^[a-z0-9_-]{1,20}$', description: 'unique per workspace; immutable' },
    ...writable,
  },
  required: ['code', 'name'],
  additionalProperties: false,
} as const;

export const updatePriorityBody = {
  type: 'object',
  properties: writable,
  additionalProperties: false,
  description:
    'Omitted fields are unchanged. The code cannot be changed: categories and integrations use it.',
} as const;

export const listPrioritiesQuery = {
  type: 'object',
  properties: { ...PAGINATION_QUERY, workspace: { type: 'string' } },
  additionalProperties: false,
} as const;

export const priorityPageSchema = pageSchema(prioritySchema);
