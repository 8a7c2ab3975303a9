/**
 * What one ticket contributes to the reports: a pure function of the ticket row, its status history, its
 * public staff replies and its SLA calendar. Incremental refreshes and the from-scratch rebuild both call
 * it, so they cannot disagree about a definition (the definitions are in stats-schema.ts's docs).
 */
import type { StatContribution, SupportTicket, TicketStatus } from '../../db/schema.js';
import {
  businessTimeBetween,
  countedSeconds,
  statusTimeline,
  type BusinessCalendar,
  type StatusChange,
  type StatusInterval,
} from '../sla/index.js';
import { dayIn } from './day.js';
import { AGENT_RESPONSE_METRIC, DURATION_METRICS, durationBucket } from './duration-buckets.js';

export type FactTicket = Pick<
  SupportTicket,
  | 'id'
  | 'workspace_id'
  | 'status'
  | 'channel'
  | 'category_id'
  | 'priority_id'
  | 'team_id'
  | 'assigned_to_id'
  | 'first_response_at'
  | 'resolved_at'
  | 'closed_at'
  | 'sla_paused_at'
  | 'response_breached'
  | 'resolution_breached'
  | 'satisfaction_rating'
  | 'created_at'
  | 'updated_at'
>;

export interface FactInput {
  ticket: FactTicket;
  /** Recorded status changes, oldest first. */
  changes: readonly StatusChange[];
  /** Public staff replies (message_type agent, not internal): who and when. */
  replies: readonly { sender_id: number | null; created_at: Date }[];
  calendar: BusinessCalendar;
  /** The workspace's time zone: days are counted in it. */
  timezone: string;
}

export interface TicketFacts {
  workspace_id: number;
  ticket_id: number;
  created_at: Date;
  status: TicketStatus;
  channel: string;
  category_id: number | null;
  priority_id: number;
  team_id: number | null;
  assigned_to_id: number | null;
  first_response_at: Date | null;
  first_response_seconds: number | null;
  first_response_business_seconds: number | null;
  resolved_at: Date | null;
  resolution_seconds: number | null;
  resolution_business_seconds: number | null;
  response_breached: boolean;
  resolution_breached: boolean;
  rating: number | null;
  last_day: string;
  contributions: StatContribution[];
}

const ACTIVE: ReadonlySet<TicketStatus> = new Set(['new', 'open', 'pending', 'on_hold']);
const SOLVED: ReadonlySet<TicketStatus> = new Set(['resolved', 'closed']);

const seconds = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 1000);

/** When the ticket's current resolution began: the start of its trailing run of resolved/closed. */
function currentResolution(intervals: readonly StatusInterval[]): Date | null {
  let at: Date | null = null;
  for (let i = intervals.length - 1; i >= 0; i--) {
    const interval = intervals[i]!;
    if (!SOLVED.has(interval.status)) break;
    at = interval.start;
  }
  return at;
}

/** Collects counts per (day, metric, key), summing repeats. */
class Tally {
  private readonly counts = new Map<string, StatContribution>();
  add(day: string, metric: string, key: string | number | null, n = 1): void {
    if (n === 0) return;
    const k = key === null ? 'none' : String(key);
    const id = `${day}|${metric}|${k}`;
    const existing = this.counts.get(id);
    if (existing) existing.n += n;
    else this.counts.set(id, { day, metric, key: k, n });
  }
  list(): StatContribution[] {
    return [...this.counts.values()]
      .filter((c) => c.n !== 0)
      .sort((a, b) => (a.day + a.metric + a.key < b.day + b.metric + b.key ? -1 : 1));
  }
}

export function ticketFacts(input: FactInput): TicketFacts {
  const { ticket, calendar, timezone } = input;
  const day = (at: Date) => dayIn(timezone, at);
  const intervals = statusTimeline(ticket, input.changes);
  const tally = new Tally();
  const created = day(ticket.created_at);
  const agent = ticket.assigned_to_id;

  // Created in the range, by what the ticket is now.
  tally.add(created, 'created', '');
  tally.add(created, 'created_status', ticket.status);
  tally.add(created, 'created_channel', ticket.channel);
  tally.add(created, 'created_category', ticket.category_id);
  tally.add(created, 'created_priority', ticket.priority_id);
  tally.add(created, 'created_agent', agent);

  // Backlog moves and reopenings, from the status intervals.
  let previous: TicketStatus | null = null;
  for (const interval of intervals) {
    const active = ACTIVE.has(interval.status);
    const d = day(interval.start);
    if (previous === null) {
      if (active) tally.add(d, 'backlog', '');
    } else if (active && !ACTIVE.has(previous)) {
      tally.add(d, 'backlog', '');
      tally.add(d, 'reopened', '');
    } else if (!active && ACTIVE.has(previous)) {
      tally.add(d, 'backlog', '', -1);
    }
    previous = interval.status;
  }

  for (const reply of input.replies) tally.add(day(reply.created_at), 'replies_agent', reply.sender_id);

  // First response (the response clock never pauses).
  const fr = ticket.first_response_at;
  const frSeconds = fr ? Math.max(0, seconds(ticket.created_at, fr)) : null;
  const frBusiness = fr
    ? Math.round(Math.max(0, businessTimeBetween(calendar, ticket.created_at, fr)))
    : null;
  if (fr && frSeconds !== null && frBusiness !== null) {
    tally.add(day(fr), DURATION_METRICS.first_response.calendar, durationBucket(frSeconds));
    tally.add(day(fr), DURATION_METRICS.first_response.business, durationBucket(frBusiness));
    if (agent !== null) tally.add(day(fr), AGENT_RESPONSE_METRIC, `${agent}:${durationBucket(frSeconds)}`);
  }
  const leftActiveUnanswered = fr === null && !ACTIVE.has(ticket.status);
  if (ticket.response_breached || fr !== null || leftActiveUnanswered) {
    tally.add(created, 'response_settled', '');
    if (!ticket.response_breached) tally.add(created, 'response_met', '');
  }
  tally.add(
    created,
    'breaches',
    '',
    (ticket.response_breached ? 1 : 0) + (ticket.resolution_breached ? 1 : 0),
  );

  // The current resolution: only new/open time counts in business time (pauses and earlier resolved
  // stretches before a reopen do not); calendar time counts everything since creation.
  const resolvedAt = currentResolution(intervals);
  let resolutionSeconds: number | null = null;
  let resolutionBusiness: number | null = null;
  if (resolvedAt) {
    const d = day(resolvedAt);
    resolutionSeconds = Math.max(0, seconds(ticket.created_at, resolvedAt));
    resolutionBusiness = Math.round(countedSeconds(calendar, intervals, resolvedAt));
    tally.add(d, 'resolved', '');
    tally.add(d, DURATION_METRICS.resolution.calendar, durationBucket(resolutionSeconds));
    tally.add(d, DURATION_METRICS.resolution.business, durationBucket(resolutionBusiness));
    tally.add(d, 'resolved_agent', agent);
    tally.add(d, 'resolution_settled', '');
    if (!ticket.resolution_breached) tally.add(d, 'resolution_met', '');
    const rating = ticket.satisfaction_rating;
    if (rating !== null) {
      tally.add(d, 'csat', rating);
      tally.add(d, 'csat_agent_sum', agent, rating);
      tally.add(d, 'csat_agent_count', agent);
    }
  }

  const contributions = tally.list();
  const lastDay = contributions.reduce((max, c) => (c.day > max ? c.day : max), created);
  return {
    workspace_id: ticket.workspace_id,
    ticket_id: ticket.id,
    created_at: ticket.created_at,
    status: ticket.status,
    channel: ticket.channel,
    category_id: ticket.category_id,
    priority_id: ticket.priority_id,
    team_id: ticket.team_id,
    assigned_to_id: agent,
    first_response_at: fr,
    first_response_seconds: frSeconds,
    first_response_business_seconds: frBusiness,
    resolved_at: resolvedAt,
    resolution_seconds: resolutionSeconds,
    resolution_business_seconds: resolutionBusiness,
    response_breached: ticket.response_breached,
    resolution_breached: ticket.resolution_breached,
    rating: resolvedAt ? ticket.satisfaction_rating : null,
    last_day: lastDay,
    contributions,
  };
}
