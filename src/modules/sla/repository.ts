/** SQL for SLAs, their holidays and recompute runs. Takes the transaction explicitly; no business rules. */
import { sql, type Insertable, type Updateable } from 'kysely';
import type {
  NewSlaRecomputeRun,
  Sla,
  SlaHoliday,
  SlaRecomputeRun,
  SlaRecomputeRunsTable,
  SlasTable,
  TicketStatus,
} from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { Cursor } from '../../platform/pagination.js';
import type { StatusChange } from './status-timeline.js';
import type { SlaTerms } from './targets.js';

export interface SlaRow extends Sla {
  escalation_team_name: string | null;
}

function slaQuery(tx: Tx, workspaceId: number) {
  return tx
    .selectFrom('slas as s')
    .leftJoin('support_teams as team', 'team.id', 's.escalation_team_id')
    .selectAll('s')
    .select('team.name as escalation_team_name')
    .where('s.workspace_id', '=', workspaceId);
}

export async function findSla(tx: Tx, workspaceId: number, id: number): Promise<SlaRow | undefined> {
  return slaQuery(tx, workspaceId).where('s.id', '=', id).executeTakeFirst();
}

/** A page of SLAs in (name, id) order, fetching limit + 1 rows. */
export async function listSlaRows(
  tx: Tx,
  workspaceId: number,
  options: { limit: number; cursor: Cursor | null; active?: boolean },
): Promise<SlaRow[]> {
  let q = slaQuery(tx, workspaceId);
  const cursor = options.cursor;
  if (cursor) {
    q = q.where((eb) => eb(eb.refTuple('s.name', 's.id'), '>', eb.tuple(String(cursor.v), cursor.id)));
  }
  if (options.active !== undefined) q = q.where('s.is_active', '=', options.active);
  return q
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(options.limit + 1)
    .execute();
}

/** Holidays of the given SLAs, by date. */
export async function holidaysOf(
  tx: Tx,
  workspaceId: number,
  slaIds: number[],
): Promise<Map<number, SlaHoliday[]>> {
  const bySla = new Map<number, SlaHoliday[]>(slaIds.map((id) => [id, []]));
  if (slaIds.length === 0) return bySla;
  const rows = await tx
    .selectFrom('sla_holidays')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('sla_id', 'in', slaIds)
    .orderBy('date')
    .orderBy('id')
    .execute();
  for (const row of rows) bySla.get(row.sla_id)?.push(row);
  return bySla;
}

/** The SLA as the clock needs it (with holidays), or undefined. */
export async function findSlaTerms(tx: Tx, workspaceId: number, id: number): Promise<SlaTerms | undefined> {
  const sla = await tx
    .selectFrom('slas')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!sla) return undefined;
  const holidays = (await holidaysOf(tx, workspaceId, [id])).get(id) ?? [];
  return { ...sla, holidays };
}

/** What one ticket's clock reads (resolve-sla.ts ticketClockFacts), from one statement. */
export interface ClockContext {
  timezone: string;
  priority:
    { id: number; code: string; name: string; response_hours: number; resolution_hours: number } | undefined;
  category: { id: number; name: string; sla_id: number | null } | undefined;
  defaultSlaId: number | undefined;
  /** The ticket's own SLA, its category's and the default, with their holidays. */
  slas: SlaTerms[];
  statusChanges: StatusChange[];
}

export async function loadClockContext(
  tx: Tx,
  ticket: {
    id: number;
    workspace_id: number;
    priority_id: number;
    category_id: number | null;
    sla_id: number | null;
  },
): Promise<ClockContext> {
  const ws = ticket.workspace_id;
  const { rows } = await sql<{
    timezone: string;
    priority: ClockContext['priority'] | null;
    category: ClockContext['category'] | null;
    default_sla_id: number | null;
    slas: SlaTerms[];
    changes: { old_value: string | null; new_value: string | null; created_at: string }[];
  }>`
    SELECT
      (SELECT w.timezone FROM workspaces w WHERE w.id = ${ws}) AS timezone,
      (SELECT to_jsonb(p) FROM (
         SELECT id, code, name, response_hours, resolution_hours FROM ticket_priorities
         WHERE workspace_id = ${ws} AND id = ${ticket.priority_id}) p) AS priority,
      (SELECT to_jsonb(c) FROM (
         SELECT id, name, sla_id FROM ticket_categories
         WHERE workspace_id = ${ws} AND id = ${ticket.category_id}) c) AS category,
      (SELECT s.id FROM slas s WHERE s.workspace_id = ${ws} AND s.is_default LIMIT 1) AS default_sla_id,
      (SELECT coalesce(jsonb_agg(to_jsonb(s) || jsonb_build_object('holidays', (
           SELECT coalesce(jsonb_agg(jsonb_build_object('date', h.date, 'recurring', h.recurring)
                                     ORDER BY h.date, h.id), '[]')
           FROM sla_holidays h WHERE h.workspace_id = s.workspace_id AND h.sla_id = s.id))), '[]')
       FROM slas s
       WHERE s.workspace_id = ${ws}
         AND (s.id = ${ticket.sla_id} OR s.is_default OR s.id = (
           SELECT c.sla_id FROM ticket_categories c WHERE c.workspace_id = ${ws} AND c.id = ${ticket.category_id}))
      ) AS slas,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('old_value', h.old_value, 'new_value', h.new_value,
                                                    'created_at', h.created_at) ORDER BY h.created_at, h.id), '[]')
       FROM ticket_history h
       WHERE h.workspace_id = ${ws} AND h.ticket_id = ${ticket.id} AND h.field = 'status') AS changes
  `.execute(tx);
  const row = rows[0];
  if (!row) throw new Error('the clock context query returned no row');
  return {
    timezone: row.timezone,
    priority: row.priority ?? undefined,
    category: row.category ?? undefined,
    defaultSlaId: row.default_sla_id ?? undefined,
    slas: row.slas,
    statusChanges: row.changes.map((c) => toChange({ ...c, created_at: new Date(c.created_at) })),
  };
}

/** The workspace's default SLA's id and whether it is active. */
export async function findDefaultSlaId(tx: Tx, workspaceId: number): Promise<number | undefined> {
  const row = await tx
    .selectFrom('slas')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('is_default', '=', true)
    .executeTakeFirst();
  return row?.id;
}

export async function insertSla(tx: Tx, values: Insertable<SlasTable>): Promise<Sla> {
  return tx.insertInto('slas').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateSlaRow(
  tx: Tx,
  workspaceId: number,
  id: number,
  values: Updateable<SlasTable>,
): Promise<void> {
  await tx
    .updateTable('slas')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Clears is_default on every SLA of the workspace but `keep` (one default per workspace). */
export async function clearOtherDefaults(tx: Tx, workspaceId: number, keep: number): Promise<void> {
  await tx
    .updateTable('slas')
    .set({ is_default: false })
    .where('workspace_id', '=', workspaceId)
    .where('is_default', '=', true)
    .where('id', '!=', keep)
    .execute();
}

/** Replaces the SLA's holidays with the given set. */
export async function replaceHolidays(
  tx: Tx,
  workspaceId: number,
  slaId: number,
  holidays: { date: string; name: string; recurring: boolean }[],
): Promise<void> {
  await tx
    .deleteFrom('sla_holidays')
    .where('workspace_id', '=', workspaceId)
    .where('sla_id', '=', slaId)
    .execute();
  if (holidays.length === 0) return;
  await tx
    .insertInto('sla_holidays')
    .values(holidays.map((h) => ({ ...h, workspace_id: workspaceId, sla_id: slaId })))
    .execute();
}

export async function deleteSlaRow(tx: Tx, workspaceId: number, id: number): Promise<void> {
  await tx.deleteFrom('slas').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** Unpins the SLA from the tickets that chose it (they fall back to category or default). */
export async function unpinSla(tx: Tx, workspaceId: number, slaId: number): Promise<void> {
  await tx
    .updateTable('support_tickets')
    .set({ sla_pinned: false })
    .where('workspace_id', '=', workspaceId)
    .where('sla_id', '=', slaId)
    .where('sla_pinned', '=', true)
    .execute();
}

// ---------------------------------------------------------------------------------------------------
// Status history
// ---------------------------------------------------------------------------------------------------

export function toChange(row: { old_value: string | null; new_value: string | null; created_at: Date }) {
  return {
    at: row.created_at,
    from: row.old_value as TicketStatus | null,
    to: row.new_value as TicketStatus,
  } satisfies StatusChange;
}

/** A ticket's recorded status changes, oldest first. */
export async function statusChangesOf(
  tx: Tx,
  workspaceId: number,
  ticketId: number,
): Promise<StatusChange[]> {
  const rows = await tx
    .selectFrom('ticket_history')
    .select(['old_value', 'new_value', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('field', '=', 'status')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toChange);
}

// ---------------------------------------------------------------------------------------------------
// Recompute runs
// ---------------------------------------------------------------------------------------------------

export async function insertRun(tx: Tx, values: NewSlaRecomputeRun): Promise<SlaRecomputeRun> {
  return tx.insertInto('sla_recompute_runs').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findRun(tx: Tx, workspaceId: number, id: number): Promise<SlaRecomputeRun | undefined> {
  return tx
    .selectFrom('sla_recompute_runs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateRun(
  tx: Tx,
  workspaceId: number,
  id: number,
  values: Updateable<SlaRecomputeRunsTable>,
): Promise<void> {
  await tx
    .updateTable('sla_recompute_runs')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Adds to a run's progress counters. */
export async function addRunProgress(
  tx: Tx,
  workspaceId: number,
  id: number,
  done: number,
  changed: number,
): Promise<void> {
  await tx
    .updateTable('sla_recompute_runs')
    .set((eb) => ({ done: eb('done', '+', done), changed: eb('changed', '+', changed) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Recompute runs of an SLA, newest first, fetching limit + 1 rows. */
export async function runsOf(
  tx: Tx,
  workspaceId: number,
  slaId: number,
  options: { limit: number; cursor: Cursor | null },
): Promise<SlaRecomputeRun[]> {
  let q = tx
    .selectFrom('sla_recompute_runs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('sla_id', '=', slaId);
  if (options.cursor) q = q.where('id', '<', options.cursor.id);
  return q
    .orderBy('id', 'desc')
    .limit(options.limit + 1)
    .execute();
}

/** The newest run of each given SLA. */
export async function latestRuns(
  tx: Tx,
  workspaceId: number,
  slaIds: number[],
): Promise<Map<number, SlaRecomputeRun>> {
  const latest = new Map<number, SlaRecomputeRun>();
  if (slaIds.length === 0) return latest;
  const rows = await tx
    .selectFrom('sla_recompute_runs')
    .selectAll()
    .distinctOn('sla_id')
    .where('workspace_id', '=', workspaceId)
    .where('sla_id', 'in', slaIds)
    .orderBy('sla_id')
    .orderBy('id', 'desc')
    .execute();
  for (const row of rows) if (row.sla_id !== null) latest.set(row.sla_id, row);
  return latest;
}
