/**
 * What-if: replays the tickets created in [from, to) — their real creation, first response, status
 * history and resolution — under one SLA (its calendar, and per ticket the stricter of its hours and
 * the ticket's priority's), and sets the compliance it would have had next to the actual one, overall and
 * per priority.
 *
 * Built for 100,000 tickets: rows are read in keyset batches of 5,000 (by id, within the id span of the
 * range: ids follow creation order) with their status changes fetched in one query per batch, and
 * computed in JS by the same computeDues as every ticket's clock.
 */
import type { TicketChannel } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { invalid, notFound } from '../../platform/errors.js';
import { parseInstant } from './instant.js';
import { findSlaTerms } from './repository.js';
import * as repo from './simulation-repository.js';
import { addTicket, emptyComparison, presentComparison, type Comparison } from './simulation-tally.js';
import { statusTimeline } from './status-timeline.js';
import { calendarOf, termsFor, type PriorityTerms, type Terms } from './targets.js';
import { computeDues } from './ticket-dues.js';

export const SIMULATION_BATCH = 5_000;

type Refs = string | number | (string | number)[];

export interface SimulateInput {
  from: string;
  to: string;
  filters?: {
    priority?: Refs;
    category?: Refs;
    team?: number | number[];
    channel?: TicketChannel | TicketChannel[];
  };
}

const list = <T>(value: T | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

async function resolveFilters(tx: Tx, workspaceId: number, filters: SimulateInput['filters'] = {}) {
  const out: repo.SimulationFilters = {};
  const priorities = list(filters.priority);
  if (priorities) {
    const rows = await tx
      .selectFrom('ticket_priorities')
      .select(['id', 'code'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    out.priorityIds = priorities.map((ref) => {
      const row = rows.find((r) => r.id === Number(ref) || r.code === String(ref));
      if (!row) throw invalid('filters.priority', `no priority ${String(ref)}`);
      return row.id;
    });
  }
  const categories = list(filters.category);
  if (categories) {
    const rows = await tx
      .selectFrom('ticket_categories')
      .select(['id', 'slug'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    out.categoryIds = categories.map((ref) => {
      const row = rows.find((r) => r.id === Number(ref) || r.slug === String(ref));
      if (!row) throw invalid('filters.category', `no category ${String(ref)}`);
      return row.id;
    });
  }
  const teams = list(filters.team);
  if (teams) {
    const rows = await tx
      .selectFrom('support_teams')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    for (const id of teams)
      if (!rows.some((r) => r.id === id)) throw invalid('filters.team', `no team ${id}`);
    out.teamIds = teams;
  }
  const channels = list(filters.channel);
  if (channels) out.channels = channels;
  return out;
}

/** Runs the simulation as of `now` (tickets still open are judged at `now`). */
export async function simulateSla(
  tx: Tx,
  workspaceId: number,
  slaId: number,
  input: SimulateInput,
  now: Date,
  batchSize = SIMULATION_BATCH,
) {
  const from = parseInstant(input.from, 'from');
  const to = parseInstant(input.to, 'to');
  if (to <= from) throw invalid('to', 'must be after from');
  const sla = await findSlaTerms(tx, workspaceId, slaId);
  if (!sla) throw notFound('SLA');
  const filters = await resolveFilters(tx, workspaceId, input.filters);
  const priorities = new Map<number, PriorityTerms & { order: number }>(
    (
      await tx
        .selectFrom('ticket_priorities')
        .select(['id', 'code', 'name', 'response_hours', 'resolution_hours', 'order'])
        .where('workspace_id', '=', workspaceId)
        .execute()
    ).map((p) => [p.id, p]),
  );
  const calendar = calendarOf(sla);
  const termsByPriority = new Map<number, Terms>();
  const overall = emptyComparison();
  const byPriority = new Map<number, Comparison>();

  const span = await repo.simulationIdSpan(tx, workspaceId, { from, to }, filters);
  let after = (span?.low ?? 0) - 1;
  while (span) {
    const rows = await repo.simulationBatch(
      tx,
      workspaceId,
      { from, to },
      filters,
      after,
      span.high,
      batchSize,
    );
    if (rows.length === 0) break;
    const changes = await repo.statusChangesOfMany(
      tx,
      workspaceId,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      let terms = termsByPriority.get(row.priority_id);
      if (!terms) {
        terms = termsFor(sla, priorities.get(row.priority_id)!, sla.timezone, calendar);
        termsByPriority.set(row.priority_id, terms);
      }
      const dues = computeDues({
        calendar,
        responseSeconds: terms.response.seconds,
        resolutionSeconds: terms.resolution.seconds,
        warningPercent: terms.warningPercent,
        createdAt: row.created_at,
        intervals: statusTimeline(row, changes.get(row.id) ?? []),
        firstResponseAt: row.first_response_at,
        now,
      });
      addTicket(overall, dues, row);
      let group = byPriority.get(row.priority_id);
      if (!group) byPriority.set(row.priority_id, (group = emptyComparison()));
      addTicket(group, dues, row);
    }
    after = rows[rows.length - 1]!.id;
    if (rows.length < batchSize) break;
  }

  return {
    sla: { id: sla.id, name: sla.name },
    from: from.toISOString(),
    to: to.toISOString(),
    now: now.toISOString(),
    ...presentComparison(overall),
    by_priority: [...byPriority]
      .map(([id, c]) => ({ id, c, p: priorities.get(id)! }))
      .sort((a, b) => a.p.order - b.p.order || a.id - b.id)
      .map(({ p, c }) => ({ priority: { id: p.id, code: p.code, name: p.name }, ...presentComparison(c) })),
  };
}
