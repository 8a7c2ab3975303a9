/**
 * The report's figures computed from scratch with SQL over the tickets, their status history and their
 * replies — no rollups — following the definitions of stats-schema.ts. The bench prints them beside the
 * product's answer and checks they agree. (Business-time percentiles need the SLA calendar walk and are
 * not recomputed here; the rollup property test covers them.)
 */
import pg from 'pg';

export interface ReferenceFigures {
  created: number;
  resolved: number;
  reopened: number;
  backlog: number;
  by_channel: Record<string, number>;
  first_response: { count: number; median: number | null; p90: number | null };
  resolution: { count: number; median: number | null; p90: number | null };
  response_compliance: number | null;
  resolution_compliance: number | null;
  breaches: number;
  csat_ratings: number;
  csat_average: number | null;
  csat_distribution: Record<string, number>;
  agents_resolved: Record<string, number>;
  series: { period: string; created: number; resolved: number }[];
}

const ACTIVE = `('new', 'open', 'pending', 'on_hold')`;

/** The figures of days fromDay..toDay (workspace time zone) of the workspace's tickets matching `filter`, from scratch. */
export async function referenceFigures(
  c: pg.Client,
  workspaceId: number,
  timezone: string,
  fromDay: string,
  toDay: string,
  /** A condition on the tickets (alias `s`) narrowing every figure, as the report's filters do. */
  filter = 'true',
): Promise<ReferenceFigures> {
  const params = [workspaceId, fromDay, toDay, timezone];
  const q = async <R extends pg.QueryResultRow>(text: string) => (await c.query<R>(text, params)).rows;
  const bounds = `
    bounds AS (SELECT ($2::date::timestamp AT TIME ZONE $4) AS lo, (($3::date + 1)::timestamp AT TIME ZONE $4) AS hi)`;
  // The current resolution: the last move from an active status to resolved/closed of a ticket that is
  // resolved or closed now.
  const tickets = `
    ${bounds},
    res AS (
      SELECT ticket_id, max(created_at) AS at FROM ticket_history
      WHERE workspace_id = $1 AND field = 'status' AND old_value IN ${ACTIVE} AND new_value IN ('resolved', 'closed')
      GROUP BY ticket_id),
    t AS (
      SELECT s.*, CASE WHEN s.status IN ('resolved', 'closed') THEN res.at END AS resolved_now
      FROM support_tickets s LEFT JOIN res ON res.ticket_id = s.id
      WHERE s.workspace_id = $1 AND (${filter}))`;

  const [main] = await q<{
    created: string;
    resolved: string;
    breaches: string;
    settled: string;
    met: string;
    res_met: string;
    ratings: string;
    rating_sum: string;
  }>(`
    WITH ${tickets}
    SELECT
      count(*) FILTER (WHERE t.created_at >= lo AND t.created_at < hi) AS created,
      count(*) FILTER (WHERE t.resolved_now >= lo AND t.resolved_now < hi) AS resolved,
      coalesce(sum(t.response_breached::int + t.resolution_breached::int)
        FILTER (WHERE t.created_at >= lo AND t.created_at < hi), 0) AS breaches,
      count(*) FILTER (WHERE t.created_at >= lo AND t.created_at < hi AND (t.response_breached
        OR t.first_response_at IS NOT NULL OR t.status NOT IN ${ACTIVE})) AS settled,
      count(*) FILTER (WHERE t.created_at >= lo AND t.created_at < hi AND NOT t.response_breached
        AND (t.first_response_at IS NOT NULL OR t.status NOT IN ${ACTIVE})) AS met,
      count(*) FILTER (WHERE t.resolved_now >= lo AND t.resolved_now < hi AND NOT t.resolution_breached) AS res_met,
      count(t.satisfaction_rating) FILTER (WHERE t.resolved_now >= lo AND t.resolved_now < hi) AS ratings,
      coalesce(sum(t.satisfaction_rating) FILTER (WHERE t.resolved_now >= lo AND t.resolved_now < hi), 0) AS rating_sum
    FROM t, bounds`);
  if (!main) throw new Error('no answer');

  const [times] = await q<{
    fr_count: string;
    fr_median: number | null;
    fr_p90: number | null;
    res_count: string;
    res_median: number | null;
    res_p90: number | null;
  }>(`
    WITH ${tickets},
    fr AS (SELECT round(extract(epoch FROM t.first_response_at - t.created_at))::int AS s FROM t, bounds
           WHERE t.first_response_at >= lo AND t.first_response_at < hi),
    rs AS (SELECT round(extract(epoch FROM t.resolved_now - t.created_at))::int AS s FROM t, bounds
           WHERE t.resolved_now >= lo AND t.resolved_now < hi)
    SELECT
      (SELECT count(*) FROM fr) AS fr_count,
      (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY s) FROM fr) AS fr_median,
      (SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY s) FROM fr) AS fr_p90,
      (SELECT count(*) FROM rs) AS res_count,
      (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY s) FROM rs) AS res_median,
      (SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY s) FROM rs) AS res_p90`);
  if (!times) throw new Error('no answer');

  const [reopened] = await q<{ n: string }>(`
    WITH ${bounds}
    SELECT count(*) AS n FROM ticket_history h, bounds
    WHERE h.workspace_id = $1 AND h.field = 'status' AND h.old_value IN ('resolved', 'closed', 'cancelled')
      AND h.new_value IN ${ACTIVE} AND h.created_at >= lo AND h.created_at < hi
      AND EXISTS (SELECT 1 FROM support_tickets s WHERE s.workspace_id = $1 AND s.id = h.ticket_id AND (${filter}))`);

  // The backlog: tickets created before the end whose last status change before the end (or, without one,
  // their first status, new) is active.
  const [backlog] = await q<{ n: string }>(`
    WITH ${bounds},
    last AS (
      SELECT DISTINCT ON (h.ticket_id) h.ticket_id, h.new_value FROM ticket_history h, bounds
      WHERE h.workspace_id = $1 AND h.field = 'status' AND h.created_at < hi
      ORDER BY h.ticket_id, h.created_at DESC, h.id DESC)
    SELECT count(*) AS n FROM support_tickets s CROSS JOIN bounds LEFT JOIN last ON last.ticket_id = s.id
    WHERE s.workspace_id = $1 AND s.created_at < hi AND coalesce(last.new_value, 'new') IN ${ACTIVE}
      AND (${filter})`);

  const channels = await q<{ channel: string; n: string }>(`
    WITH ${bounds}
    SELECT s.channel, count(*) AS n FROM support_tickets s, bounds
    WHERE s.workspace_id = $1 AND s.created_at >= lo AND s.created_at < hi AND (${filter}) GROUP BY s.channel`);
  const distribution = await q<{ rating: number; n: string }>(`
    WITH ${tickets}
    SELECT satisfaction_rating AS rating, count(*) AS n FROM t, bounds
    WHERE t.resolved_now >= lo AND t.resolved_now < hi AND satisfaction_rating IS NOT NULL GROUP BY 1`);
  const agents = await q<{ agent: string; n: string }>(`
    WITH ${tickets}
    SELECT assigned_to_id::text AS agent, count(*) AS n FROM t, bounds
    WHERE t.resolved_now >= lo AND t.resolved_now < hi AND assigned_to_id IS NOT NULL GROUP BY 1`);
  const series = await q<{ period: string; created: string; resolved: string }>(`
    WITH ${tickets},
    days AS (SELECT d::date AS day FROM generate_series($2::date, $3::date, interval '1 day') AS d),
    c AS (SELECT (created_at AT TIME ZONE $4)::date AS day, count(*) AS n FROM t, bounds
          WHERE t.created_at >= lo AND t.created_at < hi GROUP BY 1),
    r AS (SELECT (resolved_now AT TIME ZONE $4)::date AS day, count(*) AS n FROM t, bounds
          WHERE t.resolved_now >= lo AND t.resolved_now < hi GROUP BY 1)
    SELECT to_char(days.day, 'YYYY-MM-DD') AS period, coalesce(c.n, 0) AS created, coalesce(r.n, 0) AS resolved
    FROM days LEFT JOIN c USING (day) LEFT JOIN r USING (day) ORDER BY days.day`);

  const n = Number;
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  const dist: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const d of distribution) dist[String(d.rating)] = n(d.n);
  return {
    created: n(main.created),
    resolved: n(main.resolved),
    reopened: n(reopened?.n ?? 0),
    backlog: n(backlog?.n ?? 0),
    by_channel: Object.fromEntries(channels.map((r) => [r.channel, n(r.n)])),
    first_response: { count: n(times.fr_count), median: times.fr_median, p90: times.fr_p90 },
    resolution: { count: n(times.res_count), median: times.res_median, p90: times.res_p90 },
    response_compliance: ratio(n(main.met), n(main.settled)),
    resolution_compliance: ratio(n(main.res_met), n(main.resolved)),
    breaches: n(main.breaches),
    csat_ratings: n(main.ratings),
    csat_average: ratio(n(main.rating_sum), n(main.ratings)),
    csat_distribution: dist,
    agents_resolved: Object.fromEntries(agents.map((r) => [r.agent, n(r.n)])),
    series: series.map((r) => ({ period: r.period, created: n(r.created), resolved: n(r.resolved) })),
  };
}
