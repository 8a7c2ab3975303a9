/** SQL of the SLA sweep: finding due tickets across workspaces, and claiming them within one. */
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.js';
import type { SweepCheck } from './sweep-checks.js';

/** A ticket due for a check, and where the next page of the scan starts. */
export interface DueTicket {
  id: number;
  workspace_id: number;
  at: Date;
}

/**
 * Up to `limit` tickets of any workspace due for `check` at `now`, oldest first, after `after` (keyset:
 * a ticket that could not be claimed is not read again in the same pass). Reads the check's partial index.
 */
export function dueTicketsQuery(check: SweepCheck, now: Date, after: DueTicket | null, limit: number) {
  const time = sql.ref(check.time);
  const page = after ? sql`AND (${time}, id) > (${after.at}, ${after.id})` : sql``;
  return sql<DueTicket>`
    SELECT id, workspace_id, ${time} AS at FROM support_tickets
    WHERE ${check.waiting} AND ${time} <= ${now} ${page}
    ORDER BY ${time}, id
    LIMIT ${limit}`;
}

export async function findDueTickets(
  tx: Tx,
  check: SweepCheck,
  now: Date,
  after: DueTicket | null,
  limit: number,
): Promise<DueTicket[]> {
  return (await dueTicketsQuery(check, now, after, limit).execute(tx)).rows;
}

/** What the sweep needs of a ticket it claimed. */
export interface ClaimedTicket {
  id: number;
  ticket_number: string;
  workspace_id: number;
  sla_id: number | null;
  /** The due time of the check's target. */
  due_at: Date;
  /** The check's own time (the due time for a breach, the warning time for a warning). */
  at: Date;
  /** The workspace's timezone, for times in messages. */
  timezone: string;
  sla_name: string | null;
  /** The SLA's escalation team when it escalates on breach. */
  escalation_team_id: number | null;
}

/**
 * Sets the check's flag on those of `ids` that are still due, and returns them with what their messages
 * and escalations need. Exactly once: the flag is part of the condition, rows another sweep holds are
 * skipped (it is claiming them), and a row it claimed meanwhile is re-checked after its commit and no
 * longer matches.
 */
export async function claimDueTickets(
  tx: Tx,
  check: SweepCheck,
  workspaceId: number,
  ids: readonly number[],
  now: Date,
): Promise<ClaimedTicket[]> {
  if (ids.length === 0) return [];
  const time = sql.ref(check.time);
  const { rows } = await sql<ClaimedTicket>`
    UPDATE support_tickets t SET ${sql.ref(check.flag)} = true
    WHERE workspace_id = ${workspaceId} AND id IN (
      SELECT id FROM support_tickets
      WHERE workspace_id = ${workspaceId} AND id IN (${sql.join(ids)})
        AND ${check.waiting} AND ${time} <= ${now} AND ${sql.ref(check.due)} IS NOT NULL
      ORDER BY id
      FOR UPDATE SKIP LOCKED)
    RETURNING id, ticket_number, workspace_id, sla_id, ${sql.ref(check.due)} AS due_at, ${time} AS at,
      (SELECT timezone FROM workspaces w WHERE w.id = t.workspace_id) AS timezone,
      (SELECT name FROM slas s WHERE s.id = t.sla_id) AS sla_name,
      (SELECT escalation_team_id FROM slas s WHERE s.id = t.sla_id AND s.escalate_on_breach)
        AS escalation_team_id`.execute(tx);
  return rows.sort((a, b) => a.id - b.id);
}

/** The workspace's name and timezone (times in messages and mails are shown in it). */
export async function findWorkspaceLabel(tx: Tx, workspaceId: number) {
  return tx
    .selectFrom('workspaces')
    .select(['name', 'timezone'])
    .where('id', '=', workspaceId)
    .executeTakeFirstOrThrow();
}

/**
 * Internal system messages for many tickets in one statement (the same rows addSystemMessage writes
 * one at a time; a sweep pass may write a thousand).
 */
export async function addSystemMessages(
  tx: Tx,
  messages: readonly { workspace_id: number; ticket_id: number; text: string }[],
  at: Date,
): Promise<void> {
  if (messages.length === 0) return;
  await tx
    .insertInto('support_ticket_messages')
    .values(
      messages.map((m) => ({
        workspace_id: m.workspace_id,
        ticket_id: m.ticket_id,
        message: m.text,
        message_type: 'system' as const,
        is_internal: true,
        sender_name: 'System',
        created_at: at,
      })),
    )
    .execute();
}

/** The current assignee and team of the tickets, by id. */
export async function currentOwners(
  tx: Tx,
  workspaceId: number,
  ids: readonly number[],
): Promise<Map<number, { assigned_to_id: number | null; team_id: number | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .selectFrom('support_tickets')
    .select(['id', 'assigned_to_id', 'team_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
