/** JSON schemas of the team admin endpoints: validation, serialisation and the OpenAPI document. */
import { PAGINATION_QUERY } from '../../platform/pagination.js';

const user = {
  type: 'object',
  properties: { id: { type: 'integer' }, name: { type: 'string' }, email: { type: 'string' } },
} as const;
const memberIds = {
  type: 'array',
  maxItems: 500,
  uniqueItems: true,
  items: { type: 'integer', minimum: 1 },
  description: 'user ids of workspace members',
} as const;

export const teamParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const;

export const teamSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    description: { type: 'string' },
    email: { type: 'string' },
    is_active: { type: 'boolean' },
    team_lead: { anyOf: [user, { type: 'null' }] },
    members: { type: 'array', items: user },
    created_at: { type: 'string', format: 'date-time' },
  },
} as const;

const writable = {
  name: { type: 'string', minLength: 1, maxLength: 100 },
  description: { type: 'string', maxLength: 10000 },
  email: { type: 'string', maxLength: 254, description: 'team address for ticket routing; "" for none' },
  is_active: { type: 'boolean' },
  team_lead: {
    type: ['integer', 'null'],
    minimum: 1,
    description: 'user id; the lead is added to the members automatically; null clears',
  },
} as const;

export const createTeamBody = {
  type: 'object',
  properties: { ...writable, members: memberIds },
  required: ['name'],
  additionalProperties: false,
} as const;

export const updateTeamBody = {
  type: 'object',
  properties: writable,
  additionalProperties: false,
  description: 'Omitted fields are unchanged; team_lead null clears the lead (who stays a member).',
} as const;

export const membersBody = {
  type: 'object',
  properties: { members: memberIds },
  required: ['members'],
  additionalProperties: false,
} as const;

export const listTeamsQuery = {
  type: 'object',
  properties: { ...PAGINATION_QUERY, workspace: { type: 'string' } },
  additionalProperties: false,
} as const;

export const teamPageSchema = {
  type: 'object',
  properties: {
    results: { type: 'array', items: teamSchema },
    next_cursor: { anyOf: [{ type: 'string' }, { type: 'null' }] },
  },
} as const;
