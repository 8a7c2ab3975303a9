/** JSON schemas of the SLA endpoints: validation, serialisation and the OpenAPI document. */
import { SLA_RECOMPUTE_STATUSES, TICKET_CHANNELS } from '../../db/schema.js';
import { PAGINATION_QUERY } from '../../platform/pagination.js';
import { nullable, pageSchema } from '../../platform/http/json-schema.js';

const ts = { type: 'string', format: 'date-time' } as const;
const hours = { type: 'integer', minimum: 1, maximum: 100_000 } as const;
const TIME = '^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$';
const END_TIME = '^(([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?|24:00(:00)?)$';

export const slaParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const;

const holiday = {
  type: 'object',
  properties: {
    date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD in the SLA’s zone' },
    name: { type: 'string', maxLength: 100 },
    recurring: { type: 'boolean', description: 'the same month and day every year' },
  },
  required: ['date'],
  additionalProperties: false,
} as const;

export const recomputeRunSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    sla: nullable({ type: 'integer' }),
    scope: { type: 'string', enum: ['sla', 'workspace'] },
    reason: { type: 'string' },
    status: { type: 'string', enum: SLA_RECOMPUTE_STATUSES },
    total: { type: 'integer' },
    done: { type: 'integer' },
    changed: { type: 'integer', description: 'tickets whose SLA or due dates changed' },
    error: { type: 'string' },
    created_at: ts,
    started_at: nullable(ts),
    finished_at: nullable(ts),
  },
} as const;

export const slaSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    description: { type: 'string' },
    first_response_hours: { type: 'integer' },
    resolution_hours: { type: 'integer' },
    uses_business_hours: { type: 'boolean' },
    business_hours_start: { type: 'string', description: 'HH:MM (HH:MM:SS when seconds are set)' },
    business_hours_end: {
      type: 'string',
      description: 'HH:MM; 24:00 = end of day; before start = overnight',
    },
    business_days: { type: 'array', items: { type: 'integer' }, description: 'ISO weekdays, 1 = Monday' },
    timezone: { type: 'string' },
    warning_percent: { type: 'integer' },
    holidays: { type: 'array', items: holiday },
    escalate_on_breach: { type: 'boolean' },
    escalation_team: nullable({
      type: 'object',
      properties: { id: { type: 'integer' }, name: { type: 'string' } },
    }),
    is_active: { type: 'boolean' },
    is_default: { type: 'boolean' },
    latest_recompute: nullable(recomputeRunSchema),
    created_at: ts,
    updated_at: ts,
  },
} as const;

const writable = {
  name: { type: 'string', minLength: 1, maxLength: 100 },
  description: { type: 'string', maxLength: 10_000 },
  first_response_hours: hours,
  resolution_hours: hours,
  uses_business_hours: { type: 'boolean' },
  business_hours_start: { type: 'string', pattern: TIME, description: 'HH:MM or HH:MM:SS' },
  business_hours_end: { type: 'string', pattern: END_TIME, description: 'HH:MM, HH:MM:SS or 24:00' },
  business_days: {
    type: 'array',
    uniqueItems: true,
    maxItems: 7,
    items: { type: 'integer', minimum: 1, maximum: 7 },
    description: 'ISO weekdays, 1 = Monday … 7 = Sunday',
  },
  timezone: {
    type: 'string',
    minLength: 1,
    maxLength: 64,
    description: 'IANA time zone, e.g. Europe/Berlin',
  },
  warning_percent: { type: 'integer', minimum: 1, maximum: 99 },
  holidays: {
    type: 'array',
    maxItems: 1000,
    items: holiday,
    description: 'replaces the whole set',
  },
  escalate_on_breach: { type: 'boolean' },
  escalation_team: { type: ['integer', 'null'], description: 'team id; null clears' },
  is_active: { type: 'boolean' },
  is_default: { type: 'boolean', description: 'true moves the workspace default to this SLA' },
} as const;

export const createSlaBody = {
  type: 'object',
  properties: writable,
  required: ['name'],
  additionalProperties: false,
} as const;

export const updateSlaBody = {
  type: 'object',
  properties: writable,
  additionalProperties: false,
  description: 'Omitted fields are unchanged; holidays, when given, replace the whole set.',
} as const;

export const replaceSlaBody = {
  ...createSlaBody,
  required: ['name', 'first_response_hours', 'resolution_hours'],
  description: 'The whole SLA: omitted fields take their defaults (as on create).',
} as const;

export const listSlasQuery = {
  type: 'object',
  properties: { ...PAGINATION_QUERY, is_active: { type: 'boolean' }, workspace: { type: 'string' } },
  additionalProperties: false,
} as const;

export const slaPageSchema = pageSchema(slaSchema);

export const runPageSchema = pageSchema(recomputeRunSchema);

export const runsQuery = {
  type: 'object',
  properties: { ...PAGINATION_QUERY, workspace: { type: 'string' } },
  additionalProperties: false,
} as const;

export const dueDateQuery = {
  type: 'object',
  properties: {
    start: { type: 'string', maxLength: 40, description: 'ISO 8601 instant with Z or an offset' },
    hours: { type: 'string', maxLength: 20, description: 'business hours to add (decimals allowed)' },
    workspace: { type: 'string' },
  },
  required: ['start', 'hours'],
  additionalProperties: false,
} as const;

export const dueDateSchema = {
  type: 'object',
  properties: {
    due_at: ts,
    start: ts,
    hours: { type: 'number' },
    timezone: { type: 'string' },
    uses_business_hours: { type: 'boolean' },
  },
} as const;

const idsOrRefs = (item: Record<string, unknown>) => ({
  anyOf: [item, { type: 'array', items: item, minItems: 1, maxItems: 100 }],
});

export const simulateBody = {
  type: 'object',
  properties: {
    from: { type: 'string', maxLength: 40, description: 'tickets created at or after (ISO 8601)' },
    to: { type: 'string', maxLength: 40, description: 'and before (ISO 8601)' },
    filters: {
      type: 'object',
      properties: {
        priority: idsOrRefs({ type: ['integer', 'string'], maxLength: 20 }),
        category: idsOrRefs({ type: ['integer', 'string'], maxLength: 100 }),
        team: idsOrRefs({ type: 'integer' }),
        channel: idsOrRefs({ type: 'string', enum: TICKET_CHANNELS }),
      },
      additionalProperties: false,
    },
  },
  required: ['from', 'to'],
  additionalProperties: false,
} as const;

const outcome = {
  type: 'object',
  properties: {
    met: { type: 'integer' },
    breached: { type: 'integer' },
    open: { type: 'integer', description: 'not decided yet: running or paused, not past due' },
    no_target: { type: 'integer', description: 'actual only: tickets that had no due date' },
    compliance_percent: {
      ...nullable({ type: 'number' }),
      description: 'met / (met + breached) × 100, two decimals; null when nothing was decided',
    },
  },
} as const;

const comparison = {
  type: 'object',
  properties: {
    tickets: { type: 'integer' },
    simulated: {
      type: 'object',
      properties: { response: outcome, resolution: outcome },
    },
    actual: {
      type: 'object',
      properties: { response: outcome, resolution: outcome },
    },
  },
} as const;

export const simulationSchema = {
  type: 'object',
  properties: {
    sla: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    from: ts,
    to: ts,
    now: ts,
    ...comparison.properties,
    by_priority: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          priority: {
            type: 'object',
            properties: { id: { type: 'integer' }, code: { type: 'string' }, name: { type: 'string' } },
          },
          ...comparison.properties,
        },
      },
    },
  },
} as const;

/** Body of POST …/:id/preview/: the moment, the priority and the editor's unsaved changes. */
export const previewBody = {
  type: 'object',
  properties: {
    created_at: { type: 'string', maxLength: 40, description: 'when the hypothetical ticket is created' },
    priority: {
      type: ['integer', 'string'],
      maxLength: 20,
      description: 'priority id or code; omitted: the workspace’s default priority',
    },
    changes: {
      ...updateSlaBody,
      description: 'unsaved edits (a PATCH body) previewed instead of the stored settings; nothing is saved',
    },
  },
  required: ['created_at'],
  additionalProperties: false,
} as const;

const previewTarget = {
  type: 'object',
  properties: {
    hours: { type: 'integer' },
    source: { type: 'string', enum: ['sla', 'priority'], description: 'which side was stricter' },
    due_at: ts,
  },
} as const;

export const previewSchema = {
  type: 'object',
  properties: {
    created_at: ts,
    timezone: { type: 'string' },
    uses_business_hours: { type: 'boolean' },
    priority: {
      type: 'object',
      properties: { id: { type: 'integer' }, code: { type: 'string' }, name: { type: 'string' } },
    },
    response: previewTarget,
    resolution: previewTarget,
  },
} as const;
