/** Response schema of GET /tickets/{id}/sla/ (the explanation). */
import { TICKET_STATUSES } from '../../db/schema.js';
import { nullable } from '../../platform/http/json-schema.js';

const ts = { type: 'string', format: 'date-time' } as const;
const named = { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } } as const;
const STATES = ['running', 'paused', 'met', 'breached'];

const target = {
  type: 'object',
  properties: {
    hours: { type: 'number' },
    seconds: { type: 'number' },
    source: { type: 'string', enum: ['sla', 'priority'], description: 'which side was stricter' },
    sla_hours: nullable({ type: 'number' }),
    priority_hours: { type: 'number' },
  },
} as const;

const windows = {
  windows: {
    type: 'array',
    description: 'the business windows counted toward the target, up to the due (at most 200)',
    items: {
      type: 'object',
      properties: { start: ts, end: ts, seconds: { type: 'number' } },
    },
  },
  windows_truncated: { type: 'boolean' },
} as const;

const common = {
  due_at: ts,
  warning_at: ts,
  state: { type: 'string', enum: STATES },
  counted_seconds: { type: 'number', description: 'business seconds counted up to the reading' },
  remaining_seconds: { type: 'number', description: 'target minus counted; negative = over' },
  breached_flag: { type: 'boolean', description: 'the recorded breach flag (never cleared by a recompute)' },
  ...windows,
  explanation: { type: 'string' },
} as const;

export const explanationSchema = {
  type: 'object',
  properties: {
    ticket: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        ticket_number: { type: 'string' },
        status: { type: 'string', enum: TICKET_STATUSES },
        created_at: ts,
        priority: {
          type: 'object',
          properties: { id: { type: 'integer' }, code: { type: 'string' }, name: { type: 'string' } },
        },
      },
    },
    now: ts,
    sla: {
      type: 'object',
      properties: {
        applied: nullable(named),
        source: { type: 'string', enum: ['ticket', 'category', 'default', 'none'] },
        pinned: { type: 'boolean' },
        category: nullable(named),
        skipped: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              name: { type: 'string' },
              source: { type: 'string' },
              reason: { type: 'string' },
            },
          },
        },
        reason: { type: 'string' },
      },
    },
    calendar: {
      type: 'object',
      properties: {
        timezone: { type: 'string' },
        uses_business_hours: { type: 'boolean' },
        business_hours_start: nullable({ type: 'string' }),
        business_hours_end: nullable({ type: 'string' }),
        business_days: { type: 'array', items: { type: 'integer' } },
        holidays: { type: 'integer', description: 'how many holidays the calendar has' },
      },
    },
    warning_percent: { type: 'integer' },
    targets: { type: 'object', properties: { first_response: target, resolution: target } },
    response: {
      type: 'object',
      properties: {
        ...common,
        answered_at: nullable(ts),
        answered_by: nullable({ type: 'string', enum: ['reply', 'resolution'] }),
      },
    },
    resolution: {
      type: 'object',
      properties: {
        ...common,
        stopped_at: nullable(ts),
        paused_since: nullable(ts),
        paused_seconds: { type: 'number', description: 'business time paused that moved the due' },
        pauses: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              status: { type: 'string', enum: TICKET_STATUSES },
              start: ts,
              end: nullable(ts),
              business_seconds: { type: 'number' },
              moved_due: { type: 'boolean', description: 'false while still paused' },
            },
          },
        },
      },
    },
    stored: {
      type: 'object',
      description: 'what the ticket row holds; in_sync = equal to the computed values',
      properties: {
        sla: nullable({ type: 'integer' }),
        response_due_at: nullable(ts),
        response_warning_at: nullable(ts),
        resolution_due_at: nullable(ts),
        resolution_warning_at: nullable(ts),
        sla_paused_at: nullable(ts),
        in_sync: { type: 'boolean' },
      },
    },
    explanation: { type: 'string', description: 'the two sentences, response then resolution' },
  },
} as const;
