/**
 * SQL of the report. Counts come from the daily rollup when no filter narrows the tickets (one row per
 * day, metric and key: the cost follows the range, not the table), else from the contributions of the
 * matching tickets' facts. Percentiles come from the facts of the tickets answered / resolved in range.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/tenant.js';

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

export const hasFilters = (f: StatFilters) =>
  f.team !== undefined ||
  f.agent !== undefined ||
  (f.category?.length ?? 0) > 0 ||
  (f.priority?.length ?? 0) > 0 ||
  (f.channel?.length ?? 0) > 0;

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

/** Sum per (metric, key) over the period's days. */
export async function metricSums(tx: Tx, p: Period, f: StatFilters): Promise<MetricSum[]> {
  const query = hasFilters(f)
    ? sql<{ metric: string; key: string; n: string }>`
        SELECT c.metric, c.key, sum(c.n) AS n
        FROM ticket_stat_facts f,
          jsonb_to_recordset(f.contributions) AS c(day date, metric text, key text, n bigint)
        WHERE ${factConditions(p.workspaceId, f)} AND f.last_day >= ${p.fromDay}::date
          AND c.day BETWEEN ${p.fromDay}::date AND ${p.toDay}::date
        GROUP BY c.metric, c.key`
    : sql<{ metric: string; key: string; n: string }>`
        SELECT metric, key, sum(n) AS n FROM ticket_stat_daily
        WHERE workspace_id = ${p.workspaceId} AND day BETWEEN ${p.fromDay}::date AND ${p.toDay}::date
        GROUP BY metric, key`;
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
  granularity: 'day' | 'week' | 'month',
): Promise<SeriesRow[]> {
  const unit = sql.lit(granularity);
  const query = hasFilters(f)
    ? // Only the facts still contributing in the range are expanded; a ticket whose last contribution is
      // older adds its whole backlog sum to the carried backlog — 1 when it is active now, else 0 — read
      // from its status column, so the cost follows the range, not the table.
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
        SELECT date_trunc(${unit}, day)::date::text AS period, metric, sum(n) AS n FROM ticket_stat_daily
        WHERE workspace_id = ${p.workspaceId} AND metric IN ('created', 'resolved', 'reopened', 'backlog')
          AND day BETWEEN ${p.fromDay}::date AND ${p.toDay}::date
        GROUP BY 1, 2
        UNION ALL
        SELECT '', 'backlog', coalesce(sum(n), 0) FROM ticket_stat_daily
        WHERE workspace_id = ${p.workspaceId} AND metric = 'backlog' AND day < ${p.fromDay}::date`;
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

/** Percentiles (percentile_disc) of first response or resolution times of the tickets of the period. */
export async function durationPercentiles(
  tx: Tx,
  p: Period,
  f: StatFilters,
  which: 'first_response' | 'resolution',
): Promise<Percentiles> {
  const at = sql.ref(which === 'first_response' ? 'f.first_response_at' : 'f.resolved_at');
  const cal = sql.ref(which === 'first_response' ? 'f.first_response_seconds' : 'f.resolution_seconds');
  const biz = sql.ref(
    which === 'first_response' ? 'f.first_response_business_seconds' : 'f.resolution_business_seconds',
  );
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

/** Median first response (calendar seconds) per assignee of the tickets first answered in the period. */
export async function agentMedians(tx: Tx, p: Period, f: StatFilters): Promise<Map<string, number>> {
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
