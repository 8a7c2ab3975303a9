/** GET /stats/: the support report of a period (definitions: stats-schema.ts). */
import { TICKET_STATUSES } from '../../db/schema.js';
import type { Database } from '../../db/client.js';
import { inWorkspace, type Tx } from '../../db/tenant.js';
import { invalid } from '../../platform/errors.js';
import { kbReportFigures } from '../kb/index.js';
import { assertWorkspaceMembers, teamExists } from '../workspaces/index.js';
import { dayIn } from './day.js';
import * as q from './stats-repository.js';

export interface StatsQuery {
  from?: string;
  to?: string;
  team?: number;
  agent?: number;
  category?: string;
  priority?: string;
  channel?: string;
  granularity?: 'day' | 'week' | 'month';
}

const MAX_DAYS = 3_660;
const DAY_MS = 86_400_000;
const split = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const isId = (v: string) => /^\d{1,15}$/.test(v);

function parseDay(value: string, path: string): string {
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
  if (!ok || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw invalid(path, 'must be a date YYYY-MM-DD');
  }
  return value;
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The range: `to` defaults to today, `from` to 29 days before `to` (30 days). */
export function statsRange(query: StatsQuery, timezone: string, now: Date) {
  const toDay = query.to ? parseDay(query.to, 'to') : dayIn(timezone, now);
  const fromDay = query.from ? parseDay(query.from, 'from') : addDays(toDay, -29);
  if (fromDay > toDay) throw invalid('from', 'must not be after to');
  if ((Date.parse(toDay) - Date.parse(fromDay)) / DAY_MS >= MAX_DAYS) {
    throw invalid('from', `the range is at most ${MAX_DAYS} days`);
  }
  return { fromDay, toDay };
}

async function resolveFilters(tx: Tx, workspaceId: number, query: StatsQuery): Promise<q.StatFilters> {
  const f: q.StatFilters = {};
  if (query.team !== undefined) {
    if (!(await teamExists(tx, workspaceId, query.team))) throw invalid('team', 'no such team');
    f.team = query.team;
  }
  if (query.agent !== undefined) {
    await assertWorkspaceMembers(tx, workspaceId, [query.agent], 'agent');
    f.agent = query.agent;
  }
  if (query.channel) f.channel = split(query.channel);
  for (const [field, table, column] of [
    ['category', 'ticket_categories', 'slug'],
    ['priority', 'ticket_priorities', 'code'],
  ] as const) {
    const value = query[field];
    if (!value) continue;
    const refs = split(value);
    const rows = await tx
      .selectFrom(table)
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where((eb) =>
        eb.or([eb(column, 'in', refs), eb('id', 'in', refs.filter(isId).map(Number).concat(-1))]),
      )
      .execute();
    if (rows.length === 0) throw invalid(field, `no such ${field}`);
    f[field] = rows.map((r) => r.id);
  }
  return f;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * The report. Its statements run on several pooled connections at once, each in its own workspace
 * transaction: the percentile reads are independent of each other (a report is
 * a summary, so statements seeing commits a few milliseconds apart is acceptable).
 */
export async function supportStats(
  db: Database,
  ws: { id: number; timezone: string },
  query: StatsQuery,
  now: Date,
  /** Read the facts instead of the rollups (what the tests compare the rollups' answers with). */
  opts: { fromFacts?: boolean } = {},
) {
  const { fromDay, toDay } = statsRange(query, ws.timezone, now);
  const inWs = <T>(fn: (tx: Tx) => Promise<T>) => inWorkspace(db, ws.id, fn);
  const { filters, period } = await inWs(async (tx) => {
    const filters = await resolveFilters(tx, ws.id, query);
    const bounds = await q.periodBounds(tx, fromDay, toDay, ws.timezone);
    return { filters, period: { workspaceId: ws.id, fromDay, toDay, ...bounds } satisfies q.Period };
  });
  const granularity = query.granularity ?? 'day';
  const source = q.statSource(filters, opts.fromFacts);

  const [counts, response, resolution, medians] = await Promise.all([
    inWs(async (tx) => ({
      sums: await q.metricSums(tx, period, filters, source),
      series: await q.seriesSums(tx, period, filters, source, granularity),
      comments: await q.latestComments(tx, period, filters),
      kb: await kbReportFigures(tx, ws.id, { fromDay, toDay, from: period.from, to: period.to }),
    })),
    inWs((tx) => q.durationPercentiles(tx, period, filters, source, 'first_response')),
    inWs((tx) => q.durationPercentiles(tx, period, filters, source, 'resolution')),
    inWs((tx) => q.agentMedians(tx, period, filters, source)),
  ]);
  const { sums, series, comments, kb } = counts;

  const total = (metric: string) => sums.filter((s) => s.metric === metric).reduce((a, s) => a + s.n, 0);
  const byKey = (metric: string) => {
    const out: Record<string, number> = {};
    for (const s of sums) if (s.metric === metric && s.n !== 0) out[s.key] = (out[s.key] ?? 0) + s.n;
    return out;
  };

  const agentIds = new Set<string>();
  for (const s of sums)
    if (s.metric.endsWith('_agent') || s.metric.startsWith('csat_agent')) agentIds.add(s.key);
  for (const id of medians.keys()) agentIds.add(id);
  agentIds.delete('none');
  const names = await inWs((tx) => q.labels(tx, ws.id, [...agentIds].filter(isId).map(Number)));
  const rename = (counts: Record<string, number>, map: Map<string, string>) =>
    Object.fromEntries(Object.entries(counts).map(([k, v]) => [map.get(k) ?? k, v]));

  const created = byKey('created_agent');
  const replies = byKey('replies_agent');
  const resolvedBy = byKey('resolved_agent');
  const csatSum = byKey('csat_agent_sum');
  const csatCount = byKey('csat_agent_count');
  const agents = [...agentIds]
    .map((id) => {
      const user = names.users.get(Number(id));
      return {
        agent: { id: Number(id), name: user?.name ?? '', email: user?.email ?? '' },
        assigned: created[id] ?? 0,
        public_replies: replies[id] ?? 0,
        resolved: resolvedBy[id] ?? 0,
        median_first_response: medians.get(id) ?? null,
        csat: ratio(csatSum[id] ?? 0, csatCount[id] ?? 0),
      };
    })
    .filter((a) => a.agent.name !== '')
    .sort(
      (a, b) => b.resolved - a.resolved || b.public_replies - a.public_replies || a.agent.id - b.agent.id,
    );

  const csat = byKey('csat');
  const ratings = Object.values(csat).reduce((a, n) => a + n, 0);
  const ratingSum = Object.entries(csat).reduce((a, [k, n]) => a + Number(k) * n, 0);
  const resolved = total('resolved');

  // Backlog: the moves before the range, then period by period.
  let backlog = series.filter((r) => r.period === '').reduce((a, r) => a + r.n, 0);
  const periods = new Map<string, { created: number; resolved: number; reopened: number; moves: number }>();
  for (const r of series) {
    if (r.period === '') continue;
    const row = periods.get(r.period) ?? { created: 0, resolved: 0, reopened: 0, moves: 0 };
    if (r.metric === 'backlog') row.moves += r.n;
    else if (r.metric === 'created' || r.metric === 'resolved' || r.metric === 'reopened')
      row[r.metric] += r.n;
    periods.set(r.period, row);
  }
  const seriesRows = periodStarts(fromDay, toDay, granularity)
    .map(
      (start) => [start, periods.get(start) ?? { created: 0, resolved: 0, reopened: 0, moves: 0 }] as const,
    )
    .map(([start, row]) => {
      backlog += row.moves;
      return { period: start, created: row.created, resolved: row.resolved, reopened: row.reopened, backlog };
    });

  const byStatus: Record<string, number> = {};
  for (const status of TICKET_STATUSES) byStatus[status] = 0;
  Object.assign(byStatus, byKey('created_status'));

  return {
    range: { from: fromDay, to: toDay, timezone: ws.timezone, granularity },
    created: total('created'),
    resolved,
    reopened: total('reopened'),
    backlog,
    by_status: byStatus,
    by_channel: byKey('created_channel'),
    by_category: rename(byKey('created_category'), names.categories),
    by_priority: rename(byKey('created_priority'), names.priorities),
    first_response_time: presentDurations(response),
    resolution_time: presentDurations(resolution),
    sla: {
      response_compliance: ratio(total('response_met'), total('response_settled')),
      resolution_compliance: ratio(total('resolution_met'), total('resolution_settled')),
      breaches: total('breaches'),
    },
    csat: {
      average: ratio(ratingSum, ratings),
      ratings,
      distribution: Object.fromEntries([1, 2, 3, 4, 5].map((n) => [String(n), csat[String(n)] ?? 0])),
      response_rate: ratio(ratings, resolved),
      latest_comments: comments.map((c) => ({
        ticket_number: c.ticket_number,
        rating: c.rating,
        comment: c.comment,
      })),
    },
    agents,
    kb,
    series: seriesRows,
  };
}

/** The first day of every period (date_trunc: weeks from Monday, months from the 1st) meeting the range. */
export function periodStarts(
  fromDay: string,
  toDay: string,
  granularity: 'day' | 'week' | 'month',
): string[] {
  const start = new Date(`${fromDay}T00:00:00Z`);
  if (granularity === 'week') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  if (granularity === 'month') start.setUTCDate(1);
  const out: string[] = [];
  for (let d = start; d.toISOString().slice(0, 10) <= toDay;) {
    out.push(d.toISOString().slice(0, 10));
    d = new Date(d);
    if (granularity === 'day') d.setUTCDate(d.getUTCDate() + 1);
    else if (granularity === 'week') d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

function presentDurations(p: q.Percentiles) {
  return {
    count: p.count,
    calendar: { median: p.median, p90: p.p90 },
    business: { median: p.business_median, p90: p.business_p90 },
  };
}

export type SupportStats = Awaited<ReturnType<typeof supportStats>>;
