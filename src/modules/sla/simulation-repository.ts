/** SQL of the what-if simulation: tickets of a date range in id batches, with their status changes in bulk. */
import { sql } from 'kysely';
import type { TicketChannel } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { toChange } from './repository.js';
import type { StatusChange } from './status-timeline.js';

/**
 * The recorded status changes of many tickets in one query, oldest first per ticket. The ids' span
 * bounds the index range read (ids of a batch are close together when tickets are read in id order).
 */
export async function statusChangesOfMany(
  tx: Tx,
  workspaceId: number,
  ticketIds: number[],
): Promise<Map<number, StatusChange[]>> {
  const byTicket = new Map<number, StatusChange[]>();
  if (ticketIds.length === 0) return byTicket;
  let low = ticketIds[0]!;
  let high = low;
  for (const id of ticketIds) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  const rows = await tx
    .selectFrom('ticket_history')
    .select(['ticket_id', 'old_value', 'new_value', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('field', '=', 'status')
    .where('ticket_id', '>=', low)
    .where('ticket_id', '<=', high)
    .where('ticket_id', '=', sql<number>`ANY(${sql.val(`{${ticketIds.join(',')}}`)}::bigint[])`)
    .orderBy('ticket_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    let list = byTicket.get(row.ticket_id);
    if (!list) byTicket.set(row.ticket_id, (list = []));
    list.push(toChange(row));
  }
  return byTicket;
}

export interface SimulationFilters {
  priorityIds?: number[];
  categoryIds?: number[];
  teamIds?: number[];
  channels?: TicketChannel[];
}

function simulationTickets(
  tx: Tx,
  workspaceId: number,
  range: { from: Date; to: Date },
  filters: SimulationFilters,
) {
  let q = tx
    .selectFrom('support_tickets')
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', range.from)
    .where('created_at', '<', range.to);
  if (filters.priorityIds) q = q.where('priority_id', 'in', filters.priorityIds);
  if (filters.categoryIds) q = q.where('category_id', 'in', filters.categoryIds);
  if (filters.teamIds) q = q.where('team_id', 'in', filters.teamIds);
  if (filters.channels) q = q.where('channel', 'in', filters.channels);
  return q;
}

/** The lowest and highest id of the tickets created in [from, to) that match the filters. */
export async function simulationIdSpan(
  tx: Tx,
  workspaceId: number,
  range: { from: Date; to: Date },
  filters: SimulationFilters,
): Promise<{ low: number; high: number } | null> {
  const row = await simulationTickets(tx, workspaceId, range, filters)
    .select((eb) => [eb.fn.min<number>('id').as('low'), eb.fn.max<number>('id').as('high')])
    .executeTakeFirst();
  return row && row.low !== null && row.high !== null ? { low: row.low, high: row.high } : null;
}

/**
 * One batch of the tickets created in [from, to), in id order after `afterId` and up to `maxId` (the
 * span's end bounds the index range read; ids follow creation order, so the span is tight).
 */
export async function simulationBatch(
  tx: Tx,
  workspaceId: number,
  range: { from: Date; to: Date },
  filters: SimulationFilters,
  afterId: number,
  maxId: number,
  limit: number,
) {
  return simulationTickets(tx, workspaceId, range, filters)
    .select([
      'id',
      'status',
      'priority_id',
      'created_at',
      'updated_at',
      'first_response_at',
      'resolved_at',
      'closed_at',
      'sla_paused_at',
      'response_due_at',
      'resolution_due_at',
      'response_breached',
      'resolution_breached',
    ])
    .where('id', '>', afterId)
    .where('id', '<=', maxId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export type SimulationRow = Awaited<ReturnType<typeof simulationBatch>>[number];
