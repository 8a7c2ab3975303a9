/** SQL of the rollups: the inputs of ticketFacts in bulk, the facts rows and the daily counts. */
import { sql } from 'kysely';
import type { StatContribution } from '../../db/schema.js';
import { keyedWorkspace, type Tx } from '../../db/tenant.js';
import { BUCKET_METRICS } from './duration-buckets.js';
import type { DimContribution } from './stat-dimensions.js';
import type { TicketFacts } from './ticket-facts.js';

const idList = (ids: readonly number[]) => sql<number>`ANY(${sql.val(`{${ids.join(',')}}`)}::bigint[])`;

/** Serialises every rollup write of one workspace (the subscriber and a rebuild may run at once). */
export async function lockWorkspaceStats(tx: Tx, workspaceId: number): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`ticket_stats:${workspaceId}`}, 0))`.execute(tx);
}

export function ticketsForFacts(tx: Tx, workspaceId: number, ids: readonly number[]) {
  return tx
    .selectFrom('support_tickets')
    .select([
      'id',
      'workspace_id',
      'status',
      'channel',
      'category_id',
      'priority_id',
      'team_id',
      'assigned_to_id',
      'first_response_at',
      'resolved_at',
      'closed_at',
      'sla_paused_at',
      'response_breached',
      'resolution_breached',
      'satisfaction_rating',
      'created_at',
      'updated_at',
      'sla_id',
      'sla_pinned',
    ])
    .where('workspace_id', '=', keyedWorkspace(workspaceId))
    .where('id', '=', idList(ids))
    .orderBy('id')
    .execute();
}

/** Public staff replies of the tickets, oldest first. */
export async function publicRepliesOf(tx: Tx, workspaceId: number, ids: readonly number[]) {
  const rows = await tx
    .selectFrom('support_ticket_messages')
    .select(['ticket_id', 'sender_id', 'created_at'])
    .where('workspace_id', '=', keyedWorkspace(workspaceId))
    .where('ticket_id', '=', idList(ids))
    .where('message_type', '=', 'agent')
    .where('is_internal', '=', false)
    .orderBy('ticket_id')
    .orderBy('created_at')
    .execute();
  const byTicket = new Map<number, { sender_id: number | null; created_at: Date }[]>();
  for (const row of rows) {
    let list = byTicket.get(row.ticket_id);
    if (!list) byTicket.set(row.ticket_id, (list = []));
    list.push(row);
  }
  return byTicket;
}

/** The stored contributions of the tickets, with the dimension values they count under. */
export async function storedContributions(tx: Tx, workspaceId: number, ids: readonly number[]) {
  const rows = await tx
    .selectFrom('ticket_stat_facts')
    .select([
      'ticket_id',
      'contributions',
      'team_id',
      'assigned_to_id',
      'category_id',
      'priority_id',
      'channel',
    ])
    .where('workspace_id', '=', keyedWorkspace(workspaceId))
    .where('ticket_id', '=', idList(ids))
    .execute();
  return new Map(rows.map((r) => [r.ticket_id, r]));
}

/** Rows per INSERT: the columns travel as arrays (one parameter each), so this only bounds a statement's size. */
const FACT_ROWS_PER_STATEMENT = 5_000;

export async function upsertFacts(tx: Tx, facts: readonly TicketFacts[], now: Date): Promise<void> {
  for (let i = 0; i < facts.length; i += FACT_ROWS_PER_STATEMENT) {
    await upsertFactRows(tx, facts.slice(i, i + FACT_ROWS_PER_STATEMENT), now);
  }
}

const column = <K extends keyof TicketFacts>(facts: readonly TicketFacts[], key: K) =>
  sql.val(facts.map((f) => f[key]));

/**
 * One INSERT … SELECT FROM unnest(…) per batch: 19 array parameters whatever the number of rows, so
 * PostgreSQL parses and plans one short statement instead of 20 parameters per row.
 */
async function upsertFactRows(tx: Tx, facts: readonly TicketFacts[], now: Date): Promise<void> {
  if (facts.length === 0) return;
  await sql`
    INSERT INTO ticket_stat_facts (workspace_id, ticket_id, created_at, status, channel, category_id,
      priority_id, team_id, assigned_to_id, first_response_at, first_response_seconds,
      first_response_business_seconds, resolved_at, resolution_seconds, resolution_business_seconds,
      response_breached, resolution_breached, rating, last_day, contributions, refreshed_at)
    SELECT u.*, ${now}::timestamptz FROM unnest(
      ${column(facts, 'workspace_id')}::bigint[], ${column(facts, 'ticket_id')}::bigint[],
      ${column(facts, 'created_at')}::timestamptz[], ${column(facts, 'status')}::text[],
      ${column(facts, 'channel')}::text[], ${column(facts, 'category_id')}::bigint[],
      ${column(facts, 'priority_id')}::bigint[], ${column(facts, 'team_id')}::bigint[],
      ${column(facts, 'assigned_to_id')}::bigint[], ${column(facts, 'first_response_at')}::timestamptz[],
      ${column(facts, 'first_response_seconds')}::int[],
      ${column(facts, 'first_response_business_seconds')}::int[],
      ${column(facts, 'resolved_at')}::timestamptz[], ${column(facts, 'resolution_seconds')}::int[],
      ${column(facts, 'resolution_business_seconds')}::int[], ${column(facts, 'response_breached')}::bool[],
      ${column(facts, 'resolution_breached')}::bool[], ${column(facts, 'rating')}::smallint[],
      ${column(facts, 'last_day')}::date[],
      ${sql.val(facts.map((f) => JSON.stringify(f.contributions)))}::jsonb[]
    ) AS u
    ON CONFLICT (workspace_id, ticket_id) DO UPDATE SET
      created_at = excluded.created_at, status = excluded.status, channel = excluded.channel,
      category_id = excluded.category_id, priority_id = excluded.priority_id, team_id = excluded.team_id,
      assigned_to_id = excluded.assigned_to_id, first_response_at = excluded.first_response_at,
      first_response_seconds = excluded.first_response_seconds,
      first_response_business_seconds = excluded.first_response_business_seconds,
      resolved_at = excluded.resolved_at, resolution_seconds = excluded.resolution_seconds,
      resolution_business_seconds = excluded.resolution_business_seconds,
      response_breached = excluded.response_breached, resolution_breached = excluded.resolution_breached,
      rating = excluded.rating, last_day = excluded.last_day, contributions = excluded.contributions,
      refreshed_at = excluded.refreshed_at`.execute(tx);
}

/**
 * Replaces a workspace's daily counts by the sum of its facts' contributions, in one statement (the
 * rebuild's last step; the incremental path applies deltas instead).
 */
export async function recomputeDaily(tx: Tx, workspaceId: number): Promise<void> {
  await tx.deleteFrom('ticket_stat_daily').where('workspace_id', '=', workspaceId).execute();
  await sql`
    INSERT INTO ticket_stat_daily (workspace_id, day, metric, key, n)
    SELECT f.workspace_id, c.day, c.metric, c.key, sum(c.n)
    FROM ticket_stat_facts f,
      jsonb_to_recordset(f.contributions) AS c(day date, metric text, key text, n bigint)
    WHERE f.workspace_id = ${workspaceId}
    GROUP BY f.workspace_id, c.day, c.metric, c.key
    HAVING sum(c.n) <> 0`.execute(tx);
}

/**
 * Replaces a workspace's per-dimension counts by the sums of its facts' contributions (the duration
 * buckets apart), in one statement: each fact's contributions are expanded once, then counted under each
 * of its dimension values.
 */
export async function recomputeDims(tx: Tx, workspaceId: number): Promise<void> {
  await tx.deleteFrom('ticket_stat_dims').where('workspace_id', '=', workspaceId).execute();
  // Tens of millions of rows into one aggregate at a million tickets: memory to hash them in, for this
  // transaction only.
  await sql`SET LOCAL work_mem = '256MB'`.execute(tx);
  await sql`
    INSERT INTO ticket_stat_dims (workspace_id, dim, value, day, metric, key, n)
    SELECT f.workspace_id, d.dim, d.value, c.day, c.metric, c.key, sum(c.n)
    FROM ticket_stat_facts f
    CROSS JOIN LATERAL jsonb_to_recordset(f.contributions) AS c(day date, metric text, key text, n bigint)
    CROSS JOIN LATERAL (VALUES ('team', f.team_id::text), ('agent', f.assigned_to_id::text),
      ('category', f.category_id::text), ('priority', f.priority_id::text), ('channel', f.channel::text))
      AS d(dim, value)
    WHERE f.workspace_id = ${workspaceId} AND d.value IS NOT NULL
      AND c.metric NOT IN (${sql.join(BUCKET_METRICS.map((m) => sql.lit(m)))})
    GROUP BY f.workspace_id, d.dim, d.value, c.day, c.metric, c.key
    HAVING sum(c.n) <> 0`.execute(tx);
}

export async function deleteFacts(tx: Tx, workspaceId: number, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .deleteFrom('ticket_stat_facts')
    .where('workspace_id', '=', keyedWorkspace(workspaceId))
    .where('ticket_id', '=', idList(ids))
    .execute();
}

/** Adds the deltas to ticket_stat_daily and drops the rows that reach zero. */
export async function applyDailyDeltas(
  tx: Tx,
  workspaceId: number,
  deltas: readonly StatContribution[],
): Promise<void> {
  const changed = deltas.filter((d) => d.n !== 0);
  if (changed.length === 0) return;
  // One statement per 5,000 rows keeps the parameter count far below PostgreSQL's 65,535.
  for (let i = 0; i < changed.length; i += 5_000) {
    const part = changed.slice(i, i + 5_000);
    await tx
      .insertInto('ticket_stat_daily')
      .values(
        part.map((d) => ({ workspace_id: workspaceId, day: d.day, metric: d.metric, key: d.key, n: d.n })),
      )
      .onConflict((oc) =>
        oc
          .columns(['workspace_id', 'day', 'metric', 'key'])
          .doUpdateSet({ n: sql`ticket_stat_daily.n + excluded.n` }),
      )
      .execute();
  }
  const days = [...new Set(changed.map((d) => d.day))];
  await tx
    .deleteFrom('ticket_stat_daily')
    .where('workspace_id', '=', keyedWorkspace(workspaceId))
    .where('day', '=', sql<string>`ANY(${sql.val(`{${days.join(',')}}`)}::date[])`)
    .where('n', '=', 0)
    .execute();
}

/** Adds the deltas to ticket_stat_dims (in key order, one statement per 5,000) and drops the rows that reach zero. */
export async function applyDimDeltas(
  tx: Tx,
  workspaceId: number,
  deltas: readonly DimContribution[],
): Promise<void> {
  const changed = deltas.filter((d) => d.n !== 0);
  for (let i = 0; i < changed.length; i += 5_000) {
    const part = changed.slice(i, i + 5_000);
    const rows = sql`unnest(${sql.val(part.map((d) => d.dim))}::text[], ${sql.val(part.map((d) => d.value))}::text[],
      ${sql.val(part.map((d) => d.day))}::date[], ${sql.val(part.map((d) => d.metric))}::text[],
      ${sql.val(part.map((d) => d.key))}::text[], ${sql.val(part.map((d) => d.n))}::bigint[])
      AS u(dim, value, day, metric, key, n)`;
    await sql`
      INSERT INTO ticket_stat_dims AS s (workspace_id, dim, value, day, metric, key, n)
      SELECT ${workspaceId}, u.dim, u.value, u.day, u.metric, u.key, u.n FROM ${rows}
      ORDER BY u.dim, u.value, u.day, u.metric, u.key
      ON CONFLICT (workspace_id, dim, value, day, metric, key) DO UPDATE SET n = s.n + excluded.n`.execute(
      tx,
    );
    await sql`
      DELETE FROM ticket_stat_dims s USING ${rows}
      WHERE s.workspace_id = ${workspaceId} AND s.dim = u.dim AND s.value = u.value AND s.day = u.day
        AND s.metric = u.metric AND s.key = u.key AND s.n = 0`.execute(tx);
  }
}
