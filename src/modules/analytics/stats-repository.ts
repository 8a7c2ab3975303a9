/**
 * SQL of the report. Counts come from a rollup — ticket_stat_daily without filters, ticket_stat_dims when
 * the filters name one dimension (one row per day, metric and key: the cost follows the range, not the
 * table) — else from the contributions of the matching tickets' facts. Unfiltered percentiles come from
 * the daily duration buckets plus one index probe per percentile for the exact value (duration-buckets.ts);
 * filtered ones from the facts of the tickets answered / resolved in range (an index-only scan of the
 * range: the percentile indexes carry the dimension columns).
 */
import { sql, type RawBuilder } from 'kysely';
import type { StatDimension } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import {
  AGENT_RESPONSE_METRIC,
  BUCKET_METRICS,
  DURATION_METRICS,
  rankInBuckets,
  type RankedBucket,
} from './duration-buckets.js';

export interface StatFilters {
  team?: number;
  agent?: number;
  category?: number[];
  priority?: number[];
  channel?: string[];
}

export interface Period {
  workspaceId: number;
  fromDay: string;
  toDay: string;
  /** The period's first and last instant (exclusive), from the days in the workspace's time zone. */
  from: Date;
  to: Date;
}

/**
 * Where a report's figures come from: the daily rollup (no filter), one dimension's rollup (filters on
 * one dimension, any number of its values: a ticket has one value of each), or the facts (filters on two
 * or more dimensions — or `fromFacts`, the rollup-free path the tests compare the rollups with).
 */
export type StatSource =
  { kind: 'all' } | { kind: 'dim'; dim: StatDimension; values: readonly string[] } | { kind: 'facts' };

export function statSource(f: StatFilters, fromFacts = false): StatSource {
  const dims: [StatDimension, (number | string)[]][] = [];
  if (f.team !== undefined) dims.push(['team', [f.team]]);
  if (f.agent !== undefined) dims.push(['agent', [f.agent]]);
  if (f.category?.length) dims.push(['category', f.category]);
  if (f.priority?.length) dims.push(['priority', f.priority]);
  if (f.channel?.length) dims.push(['channel', f.channel]);
  if (fromFacts || dims.length > 1) return { kind: 'facts' };
  const [only] = dims;
  return only ? { kind: 'dim', dim: only[0], values: only[1].map(String) } : { kind: 'all' };
}

/** The rollup rows of a source (alias r), with the workspace condition: `FROM … WHERE …`. */
function rollupRows(workspaceId: number, source: Exclude<StatSource, { kind: 'facts' }>) {
  return source.kind === 'all'
    ? sql`FROM ticket_stat_daily r WHERE r.workspace_id = ${workspaceId}`
    : sql`FROM ticket_stat_dims r WHERE r.workspace_id = ${workspaceId} AND r.dim = ${source.dim}
        AND r.value = ANY(${sql.val(source.values)}::text[])`;
}

const bucketMetrics = sql.join(BUCKET_METRICS.map((m) => sql.lit(m)));

/** The facts' WHERE clause for the filters (prefixed `f.`). */
function factConditions(workspaceId: number, f: StatFilters): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`f.workspace_id = ${workspaceId}`];
  if (f.team !== undefined) parts.push(sql`f.team_id = ${f.team}`);
  if (f.agent !== undefined) parts.push(sql`f.assigned_to_id = ${f.agent}`);
  if (f.category?.length) parts.push(sql`f.category_id = ANY(${`{${f.category.join(',')}}`}::bigint[])`);
  if (f.priority?.length) parts.push(sql`f.priority_id = ANY(${`{${f.priority.join(',')}}`}::bigint[])`);
  if (f.channel?.length) parts.push(sql`f.channel = ANY(${`{${f.channel.join(',')}}`}::text[])`);
  return sql<boolean>`${sql.join(parts, sql` AND `)}`;
}

export interface MetricSum {
  metric: string;
  key: string;
  n: number;
}

/** Sum per (metric, key) over the period's days (the duration buckets apart). */
export async function metricSums(
  tx: Tx,
  p: Period,
  f: StatFilters,
  source: StatSource,
): Promise<MetricSum[]> {
  const query =
    source.kind === 'facts'
      ? sql<{ metric: string; key: string; n: string }>`
        SELECT c.metric, c.key, sum(c.n) AS n
        FROM ticket_stat_facts f,
          jsonb_to_recordset(f.contributions) AS c(day date, metric text, key text, n bigint)
        WHERE ${factConditions(p.workspaceId, f)} AND f.last_day >= ${p.fromDay}::date
          AND c.day BETWEEN ${p.fromDay}::date AND ${p.toDay}::date AND c.metric NOT IN (${bucketMetrics})
        GROUP BY c.metric, c.key`
      : sql<{ metric: string; key: string; n: string }>`
        SELECT r.metric, r.key, sum(r.n) AS n ${rollupRows(p.workspaceId, source)}
          AND r.day BETWEEN ${p.fromDay}::date AND ${p.toDay}::date AND r.metric NOT IN (${bucketMetrics})
        GROUP BY r.metric, r.key`;
  const { rows } = await query.execute(tx);
  return rows.map((r) => ({ metric: r.metric, key: r.key, n: Number(r.n) }));
}

export interface SeriesRow {
  period: string;
  metric: string;
  n: number;
}

/**
 * Per period (day/week/month, weeks from Monday) the created, resolved and reopened counts and the
 * backlog moves; plus the backlog before the first day (`period` = '').
 */
export async function seriesSums(
  tx: Tx,
  p: Period,
  f: StatFilters,
  source: StatSource,
  granularity: 'day' | 'week' | 'month',
): Promise<SeriesRow[]> {
  const unit = sql.lit(granularity);
  const query =
    source.kind === 'facts'
      ? // Only the facts still contributing in the range are expanded; a ticket whose last contribution is
        // older adds its whole backlog sum to the carried backlog — 1 when it is active now, else 0 — read
        // from its status column.
        sql<{ period: string; metric: string; n: string }>`
        SELECT CASE WHEN c.day < ${p.fromDay}::date THEN '' ELSE date_trunc(${unit}, c.day)::date::text END AS period,
          c.metric, sum(c.n) AS n
        FROM ticket_stat_facts f,
          jsonb_to_recordset(f.contributions) AS c(day date, metric text, key text, n bigint)
        WHERE ${factConditions(p.workspaceId, f)} AND f.last_day >= ${p.fromDay}::date
          AND c.metric IN ('created', 'resolved', 'reopened', 'backlog')
          AND c.day <= ${p.toDay}::date
          AND (c.day >= ${p.fromDay}::date OR c.metric = 'backlog')
        GROUP BY 1, 2
        UNION ALL
        SELECT '', 'backlog', count(*) FROM ticket_stat_facts f
        WHERE ${factConditions(p.workspaceId, f)} AND f.last_day < ${p.fromDay}::date
          AND f.status IN ('new', 'open', 'pending', 'on_hold')`
      : sql<{ period: string; metric: string; n: string }>`
        SELECT date_trunc(${unit}, r.day)::date::text AS period, r.metric, sum(r.n) AS n
        ${rollupRows(p.workspaceId, source)} AND r.metric IN ('created', 'resolved', 'reopened', 'backlog')
          AND r.day BETWEEN ${p.fromDay}::date AND ${p.toDay}::date
        GROUP BY 1, 2
        UNION ALL
        SELECT '', 'backlog', coalesce(sum(r.n), 0)
        ${rollupRows(p.workspaceId, source)} AND r.metric = 'backlog' AND r.day < ${p.fromDay}::date`;
  const { rows } = await query.execute(tx);
  return rows.map((r) => ({ period: r.period, metric: r.metric, n: Number(r.n) }));
}

export interface Percentiles {
  count: number;
  median: number | null;
  p90: number | null;
  business_median: number | null;
  business_p90: number | null;
}

type Which = 'first_response' | 'resolution';

/** The facts' columns of a duration: when it ended, calendar and business seconds, and their buckets. */
function durationColumns(which: Which) {
  return which === 'first_response'
    ? {
        at: sql.ref('f.first_response_at'),
        calendar: sql.ref('f.first_response_seconds'),
        business: sql.ref('f.first_response_business_seconds'),
        buckets: {
          calendar: sql.ref('f.first_response_bucket'),
          business: sql.ref('f.first_response_business_bucket'),
        },
      }
    : {
        at: sql.ref('f.resolved_at'),
        calendar: sql.ref('f.resolution_seconds'),
        business: sql.ref('f.resolution_business_seconds'),
        buckets: {
          calendar: sql.ref('f.resolution_bucket'),
          business: sql.ref('f.resolution_business_bucket'),
        },
      };
}

/** The period's daily bucket counts per metric and key. */
async function bucketRows(tx: Tx, p: Period, metrics: readonly string[]) {
  const { rows } = await sql<{ metric: string; key: string; n: string }>`
    SELECT metric, key, sum(n) AS n FROM ticket_stat_daily
    WHERE workspace_id = ${p.workspaceId} AND metric IN (${sql.join(metrics.map((m) => sql.lit(m)))})
      AND day BETWEEN ${p.fromDay}::date AND ${p.toDay}::date
    GROUP BY 1, 2`.execute(tx);
  return rows;
}

/** The period's bucket counts per metric. */
async function bucketCounts(tx: Tx, p: Period, metrics: readonly string[]) {
  const rows = await bucketRows(tx, p, metrics);
  const out = new Map<string, Map<number, number>>();
  for (const r of rows) {
    let counts = out.get(r.metric);
    if (!counts) out.set(r.metric, (counts = new Map<number, number>()));
    counts.set(Number(r.key), Number(r.n));
  }
  return out;
}

interface Probe extends RankedBucket {
  agent: number | null;
}

/**
 * The exact values at the probes' ranks: per probe, the `offset`-th smallest `column` among the period's
 * facts in its bucket (and of its agent) — an index range scan of that bucket's rows in the range only.
 * One scalar subquery per probe with its own parameters, so each is planned for its bucket (a correlated
 * subquery over a list of probes got a generic plan that scanned the whole range). Null where the facts
 * changed since the buckets were read (the caller then asks the facts directly).
 */
async function probeValues(
  tx: Tx,
  p: Period,
  which: Which,
  business: boolean,
  probes: readonly Probe[],
): Promise<(number | null)[]> {
  if (probes.length === 0) return [];
  const { at, calendar, business: biz, buckets } = durationColumns(which);
  const column = business ? biz : calendar;
  const bucket = business ? buckets.business : buckets.calendar;
  const parts = probes.map(
    (probe, i) => sql`SELECT ${i}::int AS i, (
      SELECT ${column} FROM ticket_stat_facts f
      WHERE f.workspace_id = ${p.workspaceId} AND ${bucket} = ${probe.bucket}::int
        AND ${at} >= ${p.from} AND ${at} < ${p.to}
        ${probe.agent === null ? sql`` : sql`AND f.assigned_to_id = ${probe.agent}`}
      ORDER BY ${column} OFFSET ${probe.offset}::int LIMIT 1) AS v`,
  );
  const { rows } = await sql<{ i: number; v: number | null }>`${sql.join(parts, sql` UNION ALL `)}`.execute(
    tx,
  );
  const values: (number | null)[] = probes.map(() => null);
  for (const r of rows) values[r.i] = r.v;
  return values;
}

/**
 * Percentiles (percentile_disc) of first response or resolution times of the tickets of the period: from
 * the buckets without filters, else from the facts.
 */
export async function durationPercentiles(
  tx: Tx,
  p: Period,
  f: StatFilters,
  source: StatSource,
  which: Which,
): Promise<Percentiles> {
  if (source.kind !== 'all') return percentilesOfFacts(tx, p, f, which);
  const metrics = DURATION_METRICS[which];
  const counts = await bucketCounts(tx, p, [metrics.calendar, metrics.business]);
  const calendar = counts.get(metrics.calendar) ?? new Map<number, number>();
  const business = counts.get(metrics.business) ?? new Map<number, number>();
  const count = [...calendar.values()].reduce((a, n) => a + n, 0);
  if (count === 0) return { count, median: null, p90: null, business_median: null, business_p90: null };
  const ranks = (c: Map<number, number>) =>
    [0.5, 0.9].flatMap((q) => {
      const rank = rankInBuckets(c, q);
      return rank ? [{ ...rank, agent: null }] : [];
    });
  const [median, p90] = await probeValues(tx, p, which, false, ranks(calendar));
  const [businessMedian, businessP90] = await probeValues(tx, p, which, true, ranks(business));
  if (
    typeof median !== 'number' ||
    typeof p90 !== 'number' ||
    typeof businessMedian !== 'number' ||
    typeof businessP90 !== 'number'
  ) {
    return percentilesOfFacts(tx, p, f, which);
  }
  return { count, median, p90, business_median: businessMedian, business_p90: businessP90 };
}

/** The same percentiles straight from the facts: one sort of the period's matching tickets. */
async function percentilesOfFacts(tx: Tx, p: Period, f: StatFilters, which: Which): Promise<Percentiles> {
  const { at, calendar: cal, business: biz } = durationColumns(which);
  const { rows } = await sql<{
    count: string;
    median: number | null;
    p90: number | null;
    business_median: number | null;
    business_p90: number | null;
  }>`
    SELECT count(*) AS count,
      percentile_disc(0.5) WITHIN GROUP (ORDER BY ${cal}) AS median,
      percentile_disc(0.9) WITHIN GROUP (ORDER BY ${cal}) AS p90,
      percentile_disc(0.5) WITHIN GROUP (ORDER BY ${biz}) AS business_median,
      percentile_disc(0.9) WITHIN GROUP (ORDER BY ${biz}) AS business_p90
    FROM ticket_stat_facts f
    WHERE ${factConditions(p.workspaceId, f)} AND ${at} >= ${p.from} AND ${at} < ${p.to}`.execute(tx);
  const r = rows[0];
  return {
    count: Number(r?.count ?? 0),
    median: r?.median ?? null,
    p90: r?.p90 ?? null,
    business_median: r?.business_median ?? null,
    business_p90: r?.business_p90 ?? null,
  };
}

/**
 * Median first response (calendar seconds) per assignee of the tickets first answered in the period:
 * without filters from the daily per-assignee buckets (keys `<assignee>:<bucket>`) and one probe per
 * assignee, else from the facts.
 */
export async function agentMedians(
  tx: Tx,
  p: Period,
  f: StatFilters,
  source: StatSource,
): Promise<Map<string, number>> {
  if (source.kind === 'all') {
    const rows = await bucketRows(tx, p, [AGENT_RESPONSE_METRIC]);
    const byAgent = new Map<number, Map<number, number>>();
    for (const r of rows) {
      const [agent, bucket] = r.key.split(':').map(Number) as [number, number];
      let counts = byAgent.get(agent);
      if (!counts) byAgent.set(agent, (counts = new Map<number, number>()));
      counts.set(bucket, Number(r.n));
    }
    const probes: Probe[] = [];
    for (const [agent, counts] of byAgent) {
      const rank = rankInBuckets(counts, 0.5);
      if (rank) probes.push({ ...rank, agent });
    }
    const values = await probeValues(tx, p, 'first_response', false, probes);
    const medians = new Map(probes.map((x, i) => [String(x.agent), values[i]]));
    if ([...medians.values()].every((v) => typeof v === 'number')) return medians as Map<string, number>;
  }
  const { rows } = await sql<{ agent: string; median: number }>`
    SELECT f.assigned_to_id::text AS agent,
      percentile_disc(0.5) WITHIN GROUP (ORDER BY f.first_response_seconds) AS median
    FROM ticket_stat_facts f
    WHERE ${factConditions(p.workspaceId, f)} AND f.assigned_to_id IS NOT NULL
      AND f.first_response_at >= ${p.from} AND f.first_response_at < ${p.to}
    GROUP BY f.assigned_to_id`.execute(tx);
  return new Map(rows.map((r) => [r.agent, r.median]));
}

/** The newest rating comments of tickets resolved in the period. */
export async function latestComments(tx: Tx, p: Period, f: StatFilters, limit = 5) {
  const { rows } = await sql<{ ticket_number: string; rating: number; comment: string; updated_at: Date }>`
    SELECT t.ticket_number, t.satisfaction_rating AS rating, t.satisfaction_comment AS comment, t.updated_at
    FROM ticket_stat_facts f
    JOIN support_tickets t ON t.workspace_id = f.workspace_id AND t.id = f.ticket_id
    WHERE ${factConditions(p.workspaceId, f)} AND f.resolved_at >= ${p.from} AND f.resolved_at < ${p.to}
      AND f.rating IS NOT NULL AND t.satisfaction_comment <> ''
    ORDER BY f.resolved_at DESC, f.ticket_id DESC
    LIMIT ${limit}`.execute(tx);
  return rows;
}

/** Names of staff members, categories and priorities for the keys of the report. */
export async function labels(tx: Tx, workspaceId: number, userIds: number[]) {
  const users =
    userIds.length === 0
      ? []
      : await tx
          .selectFrom('users')
          .innerJoin('workspace_memberships as m', 'm.user_id', 'users.id')
          .select(['users.id', 'users.name', 'users.email'])
          .where('m.workspace_id', '=', workspaceId)
          .where('users.id', 'in', userIds)
          .execute();
  const categories = await tx
    .selectFrom('ticket_categories')
    .select(['id', 'slug'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  const priorities = await tx
    .selectFrom('ticket_priorities')
    .select(['id', 'code'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  return {
    users: new Map(users.map((u) => [u.id, u])),
    categories: new Map(categories.map((c) => [String(c.id), c.slug])),
    priorities: new Map(priorities.map((p) => [String(p.id), p.code])),
  };
}

/** The instants a period of whole days in `timezone` begins and ends (exclusive). */
export async function periodBounds(tx: Tx, fromDay: string, toDay: string, timezone: string) {
  const { rows } = await sql<{ from: Date; to: Date }>`
    SELECT (${fromDay}::date::timestamp AT TIME ZONE ${timezone}) AS "from",
      ((${toDay}::date + 1)::timestamp AT TIME ZONE ${timezone}) AS "to"`.execute(tx);
  return rows[0]!;
}
