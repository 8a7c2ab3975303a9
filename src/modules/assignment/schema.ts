/** JSON schemas of the routing and availability endpoints (validation, serialisation, OpenAPI). */
import { AVAILABILITIES } from '../../db/schema.js';

export const availabilityBody = {
  type: 'object',
  required: ['availability'],
  properties: {
    availability: {
      type: 'string',
      enum: AVAILABILITIES,
      description: 'available: takes automatically assigned tickets; away / offline: skipped by routing',
    },
  },
  additionalProperties: false,
} as const;

export const availabilitySchema = {
  type: 'object',
  properties: {
    user: {
      type: 'object',
      properties: { id: { type: 'integer' }, name: { type: 'string' }, email: { type: 'string' } },
    },
    availability: { type: 'string', enum: AVAILABILITIES },
    changed_at: { type: ['string', 'null'], format: 'date-time' },
    open_tickets: { type: 'integer', description: 'new/open/pending/on_hold tickets assigned to them' },
    teams: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          assignment_mode: { type: 'string' },
        },
      },
    },
    assigned: {
      type: 'integer',
      description: 'after a change: queued tickets of their teams handed out by it (to anyone)',
    },
  },
} as const;

export const agentParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1, description: 'user id of a staff member' } },
  required: ['id'],
} as const;

export const routeBody = {
  type: 'object',
  required: ['team'],
  properties: {
    team: { type: 'integer', minimum: 1, description: 'the team to hand the ticket to' },
    reason: { type: 'string', maxLength: 2000 },
    escalate: { type: 'boolean', description: 'log the move as an escalation' },
  },
  additionalProperties: false,
} as const;
