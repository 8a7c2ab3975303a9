/** JSON schemas of the category admin endpoints: validation, serialisation and the OpenAPI document. */
import { PAGINATION_QUERY } from '../../platform/pagination.js';
import { nullable, pageSchema } from '../../platform/http/json-schema.js';

const SLUG = '^[a-z0-9]+(-[a-z0-9]+)*$';

export const categoryParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[a-z0-9-]{1,100}$', description: 'id or slug' } },
  required: ['id'],
} as const;

export const categorySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    slug: { type: 'string' },
    description: { type: 'string' },
    parent: nullable({
      type: 'object',
      properties: { id: { type: 'integer' }, name: { type: 'string' }, slug: { type: 'string' } },
    }),
    default_assignee: nullable({
      type: 'object',
      properties: { id: { type: 'integer' }, name: { type: 'string' }, email: { type: 'string' } },
    }),
    default_priority: { type: 'string', description: 'a priority code' },
    sla: nullable({ type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } }),
    team: nullable({ type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } }),
    icon: { type: 'string' },
    order: { type: 'integer' },
    is_active: { type: 'boolean' },
  },
} as const;

const writable = {
  name: { type: 'string', minLength: 1, maxLength: 100 },
  slug: { type: 'string', minLength: 1, maxLength: 100, pattern: SLUG },
  description: { type: 'string', maxLength: 10000 },
  parent: {
    type: ['integer', 'string', 'null'],
    description: 'parent category id or slug; null for a top-level category',
  },
  default_assignee: { type: ['integer', 'null'], description: 'user id of a workspace member; null clears' },
  default_priority: { type: 'string', minLength: 1, maxLength: 20, description: 'an existing priority code' },
  sla: { type: ['integer', 'null'], description: 'SLA id; null clears' },
  team: {
    type: ['integer', 'null'],
    minimum: 1,
    description:
      'team id: new tickets of the category are routed to this team (its assignment_mode picks the ' +
      'agent); a default_assignee, when set, wins over the team’s automation. null clears',
  },
  icon: { type: 'string', maxLength: 50 },
  order: { type: 'integer', minimum: -1000000, maximum: 1000000 },
  is_active: { type: 'boolean' },
} as const;

export const createCategoryBody = {
  type: 'object',
  properties: writable,
  required: ['name'],
  additionalProperties: false,
} as const;

export const updateCategoryBody = {
  type: 'object',
  properties: writable,
  additionalProperties: false,
  description: 'Omitted fields are unchanged; null clears parent, default_assignee, sla and team.',
} as const;

export const listCategoriesQuery = {
  type: 'object',
  properties: {
    ...PAGINATION_QUERY,
    parent: { type: 'string', maxLength: 100, description: 'only children of this category (id or slug)' },
    root: { type: 'boolean', description: 'only top-level categories' },
    workspace: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const categoryPageSchema = pageSchema(categorySchema);
