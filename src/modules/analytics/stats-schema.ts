/** The /stats/ contract: query, body, and the exact definition of every figure (shown in OpenAPI). */
import { TICKET_CHANNELS } from '../../db/schema.js';
import { nullable } from '../../platform/http/json-schema.js';

export const TAGS = ['reports'];

export const STATS_DESCRIPTION = `
Support metrics for a period of whole days in the workspace's time zone (\`from\`..\`to\`, both included;
default: the 30 days ending today). Admins only: the report is the managers' view of the team (the
workspace has two roles, and managers hold \`admin\`); agents get 403. Filters narrow the tickets by what they are **now**
(team, assignee, category, priority, channel); without filters the figures come from the daily rollup, with
filters on one dimension (any number of its values) from that dimension's rollup, with filters on several
dimensions from the matching tickets.

Definitions:
- **created**: tickets created in the period. **by_status / by_channel / by_category / by_priority**: those
  tickets grouped by their current status, channel, category slug (\`none\`) and priority code.
- **resolved**: tickets whose current resolution — the moment they last became \`resolved\` or \`closed\`
  from an active status — falls in the period. A ticket resolved, reopened and resolved again counts once,
  on its last resolution; a ticket reopened and still active counts in no period; \`cancelled\` is not resolved.
- **reopened**: moves from resolved/closed/cancelled back to an active status in the period (each move counts).
- **backlog**: tickets in an active status (new, open, pending, on_hold) at the end of the period's last day.
- **first_response_time**: over the tickets whose first public staff reply falls in the period, the median
  and 90th percentile (percentile_disc: a value some ticket really had) of the time from creation to that
  reply — \`calendar\` in wall-clock seconds, \`business\` in seconds of the ticket's SLA calendar (business
  hours, days and holidays; 24×7 in the workspace's zone without an SLA). The response clock never pauses.
- **resolution_time**: over the tickets resolved in the period (as above), from creation to the current
  resolution. \`calendar\` counts everything; \`business\` counts only business time the ticket spent in
  \`new\` or \`open\`: pauses (pending, on_hold) and time resolved before a reopen do not count — the SLA
  clock's rule.
- **sla.response_compliance**: of the tickets created in the period whose response target is settled
  (answered, breached, or resolved/closed/cancelled before any answer), the share not breached.
  **sla.resolution_compliance**: of the tickets resolved in the period, the share whose resolution target
  was not breached. **sla.breaches**: response plus resolution breaches of the tickets created in the period.
- **csat**: ratings (1–5) of the tickets resolved in the period: \`average\`, \`distribution\`, \`ratings\`,
  \`response_rate\` = ratings / resolved, and the newest comments. A rating changed later replaces the old one.
- **agents**: per staff member — \`assigned\`: tickets created in the period assigned to them now;
  \`public_replies\`: public replies they wrote in the period; \`resolved\`: tickets resolved in the period
  assigned to them; \`median_first_response\`: calendar seconds, over their tickets first answered in the
  period; \`csat\`: average rating of their resolved tickets.
- **kb**: article \`views\` in the period (once per visitor and day), \`helpful_ratio\` of the votes cast or
  changed in it, \`searches_without_result\` (the counts of no-result queries last seen in it) and
  \`deflections\` (ticket-form sessions shown suggestions that left without a ticket).
- **series**: per day, week (from Monday) or month (\`granularity\`): created, resolved, reopened, and the
  backlog at the period's end.
Ratios are null when their denominator is 0; percentiles are null without tickets.`;

export const statsQuery = {
  type: 'object',
  properties: {
    from: { type: 'string', format: 'date', description: 'first day (YYYY-MM-DD, workspace time zone)' },
    to: { type: 'string', format: 'date', description: 'last day, included' },
    team: { type: 'integer', minimum: 1 },
    agent: { type: 'integer', minimum: 1, description: 'the assignee (a staff member’s id)' },
    category: { type: 'string', maxLength: 200, description: 'category slugs or ids, comma-separated' },
    priority: { type: 'string', maxLength: 200, description: 'priority codes or ids, comma-separated' },
    channel: {
      type: 'string',
      pattern: `^(${TICKET_CHANNELS.join('|')})(,(${TICKET_CHANNELS.join('|')}))*$`,
      description: 'channels, comma-separated',
    },
    granularity: { type: 'string', enum: ['day', 'week', 'month'], default: 'day' },
  },
  additionalProperties: false,
} as const;

const counts = { type: 'object', additionalProperties: { type: 'integer' } } as const;
const seconds = nullable({ type: 'number' });
const durations = {
  type: 'object',
  properties: {
    count: { type: 'integer' },
    calendar: { type: 'object', properties: { median: seconds, p90: seconds } },
    business: { type: 'object', properties: { median: seconds, p90: seconds } },
  },
} as const;
const share = nullable({ type: 'number' });

export const statsSchema = {
  type: 'object',
  properties: {
    range: {
      type: 'object',
      properties: {
        from: { type: 'string' },
        to: { type: 'string' },
        timezone: { type: 'string' },
        granularity: { type: 'string' },
      },
    },
    created: { type: 'integer' },
    resolved: { type: 'integer' },
    reopened: { type: 'integer' },
    backlog: { type: 'integer' },
    by_status: counts,
    by_channel: counts,
    by_category: counts,
    by_priority: counts,
    first_response_time: durations,
    resolution_time: durations,
    sla: {
      type: 'object',
      properties: {
        response_compliance: share,
        resolution_compliance: share,
        breaches: { type: 'integer' },
      },
    },
    csat: {
      type: 'object',
      properties: {
        average: share,
        ratings: { type: 'integer' },
        distribution: counts,
        response_rate: share,
        latest_comments: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              ticket_number: { type: 'string' },
              rating: { type: 'integer' },
              comment: { type: 'string' },
            },
          },
        },
      },
    },
    agents: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          agent: {
            type: 'object',
            properties: { id: { type: 'integer' }, name: { type: 'string' }, email: { type: 'string' } },
          },
          assigned: { type: 'integer' },
          public_replies: { type: 'integer' },
          resolved: { type: 'integer' },
          median_first_response: seconds,
          csat: share,
        },
      },
    },
    kb: {
      type: 'object',
      properties: {
        views: { type: 'integer' },
        helpful_ratio: share,
        searches_without_result: { type: 'integer' },
        deflections: { type: 'integer' },
      },
    },
    series: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          period: { type: 'string' },
          created: { type: 'integer' },
          resolved: { type: 'integer' },
          reopened: { type: 'integer' },
          backlog: { type: 'integer' },
        },
      },
    },
  },
} as const;
