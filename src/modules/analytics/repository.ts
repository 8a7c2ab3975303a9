/** SQL of the rollups: the inputs of ticketFacts in bulk, the facts rows and the daily counts. */
import { sql } from 'kysely';
import type { StatContribution } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
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
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', idList(ids))
    .orderBy('id')
    .execute();
}

/** Public staff replies of the tickets, oldest first. */
export async function publicRepliesOf(tx: Tx, workspaceId: number, ids: readonly number[]) {
  const rows = await tx
    .selectFrom('support_ticket_messages')
    .select(['ticket_id', 'sender_id', 'created_at'])
    .where('workspace_id', '=', workspaceId)
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

export async function storedContributions(tx: Tx, workspaceId: number, ids: readonly number[]) {
  const rows = await tx
    .selectFrom('ticket_stat_facts')
    .select(['ticket_id', 'contributions'])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', idList(ids))
    .execute();
  return new Map(rows.map((r) => [r.ticket_id, r.contributions]));
}

/** Rows per INSERT: 20 columns × 2,000 stays below PostgreSQL's 65,535 parameters whatever the batch size. */
const FACT_ROWS_PER_STATEMENT = 2_000;

export async function upsertFacts(tx: Tx, facts: readonly TicketFacts[], now: Date): Promise<void> {
  for (let i = 0; i < facts.length; i += FACT_ROWS_PER_STATEMENT) {
    await upsertFactRows(tx, facts.slice(i, i + FACT_ROWS_PER_STATEMENT), now);
  }
}

async function upsertFactRows(tx: Tx, facts: readonly TicketFacts[], now: Date): Promise<void> {
  await tx
    .insertInto('ticket_stat_facts')
    .values(facts.map((f) => ({ ...f, contributions: JSON.stringify(f.contributions), refreshed_at: now })))
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'ticket_id']).doUpdateSet((eb) => ({
        created_at: eb.ref('excluded.created_at'),
        status: eb.ref('excluded.status'),
        channel: eb.ref('excluded.channel'),
        category_id: eb.ref('excluded.category_id'),
        priority_id: eb.ref('excluded.priority_id'),
        team_id: eb.ref('excluded.team_id'),
        assigned_to_id: eb.ref('excluded.assigned_to_id'),
        first_response_at: eb.ref('excluded.first_response_at'),
        first_response_seconds: eb.ref('excluded.first_response_seconds'),
        first_response_business_seconds: eb.ref('excluded.first_response_business_seconds'),
        resolved_at: eb.ref('excluded.resolved_at'),
        resolution_seconds: eb.ref('excluded.resolution_seconds'),
        resolution_business_seconds: eb.ref('excluded.resolution_business_seconds'),
        response_breached: eb.ref('excluded.response_breached'),
        resolution_breached: eb.ref('excluded.resolution_breached'),
        rating: eb.ref('excluded.rating'),
        last_day: eb.ref('excluded.last_day'),
        contributions: eb.ref('excluded.contributions'),
        refreshed_at: eb.ref('excluded.refreshed_at'),
      })),
    )
    .execute();
}

export async function deleteFacts(tx: Tx, workspaceId: number, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .deleteFrom('ticket_stat_facts')
    .where('workspace_id', '=', workspaceId)
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
    .where('workspace_id', '=', workspaceId)
    .where('day', '=', sql<string>`ANY(${sql.val(`{${days.join(',')}}`)}::date[])`)
    .where('n', '=', 0)
    .execute();
}
