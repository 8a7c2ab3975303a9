/** JSON schemas of the team admin endpoints: validation, serialisation and the OpenAPI document. */
import { ASSIGNMENT_MODES, AVAILABILITIES } from '../../db/schema.js';
import { PAGINATION_QUERY } from '../../platform/pagination.js';
import { pageSchema } from '../../platform/http/json-schema.js';

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

const member = {
  type: 'object',
  properties: {
    ...user.properties,
    availability: { type: 'string', enum: AVAILABILITIES, description: 'set by the member themself' },
    max_open_tickets: {
      type: ['integer', 'null'],
      description: 'the member’s own cap in this team (overrides max_open_per_agent); null = the team’s',
    },
    open_tickets: {
      type: 'integer',
      description: 'new/open/pending/on_hold tickets assigned to them in the workspace (any team)',
    },
  },
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
    assignment_mode: { type: 'string', enum: ASSIGNMENT_MODES },
    max_open_per_agent: { type: ['integer', 'null'] },
    last_assigned_to: {
      type: ['integer', 'null'],
      description: 'user id of the member assigned last (the round-robin pointer)',
    },
    queued_tickets: { type: 'integer', description: 'open tickets of the team that nobody has yet' },
    members: { type: 'array', items: member },
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
  assignment_mode: {
    type: 'string',
    enum: ASSIGNMENT_MODES,
    description:
      'manual: tickets wait in the team queue; round_robin: the next available member in turn; ' +
      'least_open: the available member with the fewest open tickets. Away/offline members and members ' +
      'at their cap are skipped; with nobody left, tickets wait in the queue until someone frees up.',
  },
  max_open_per_agent: {
    type: ['integer', 'null'],
    minimum: 1,
    maximum: 100000,
    description: 'cap on each member’s open tickets for automatic assignment; null = no cap',
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

export const teamPageSchema = pageSchema(teamSchema);

export const memberParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 }, userId: { type: 'integer', minimum: 1 } },
  required: ['id', 'userId'],
} as const;

export const memberBody = {
  type: 'object',
  required: ['max_open_tickets'],
  properties: {
    max_open_tickets: {
      type: ['integer', 'null'],
      minimum: 0,
      maximum: 100000,
      description: 'the member’s own cap in this team; 0 = never auto-assigned here; null = the team’s',
    },
  },
  additionalProperties: false,
} as const;
