/**
 * Brings the rollups of some tickets up to date: recomputes their facts and applies the difference
 * between their old and new contributions to ticket_stat_daily — and to ticket_stat_dims, under the old and
 * the new dimension values (a reassignment moves every count of the ticket) — in the caller's transaction. Idempotent:
 * refreshing a ticket twice changes nothing the second time, so the subscriber may see an event again.
 */
import type { StatContribution } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { clockFacts, statusChangesOfMany, ticketCalendar, type ClockFacts } from '../sla/index.js';
import * as repo from './repository.js';
import { addDimContributions, type DimContribution } from './stat-dimensions.js';
import { ticketFacts, type TicketFacts } from './ticket-facts.js';

const keyOf = (c: StatContribution) => `${c.day}|${c.metric}|${c.key}`;

/** new − old, per (day, metric, key). */
export function contributionDelta(
  previous: readonly StatContribution[],
  next: readonly StatContribution[],
): StatContribution[] {
  const out = new Map<string, StatContribution>();
  for (const c of next) out.set(keyOf(c), { ...c });
  for (const c of previous) {
    const k = keyOf(c);
    const existing = out.get(k);
    if (existing) existing.n -= c.n;
    else out.set(k, { ...c, n: -c.n });
  }
  return [...out.values()].filter((c) => c.n !== 0);
}

/** Sums many deltas into one list. */
function merge(into: Map<string, StatContribution>, deltas: readonly StatContribution[]): void {
  for (const d of deltas) {
    const k = keyOf(d);
    const existing = into.get(k);
    if (existing) existing.n += d.n;
    else into.set(k, { ...d });
  }
}

export interface RefreshOptions {
  tx: Tx;
  workspaceId: number;
  now: Date;
  /** Shared lookups (SLA terms, priorities, time zone) across the batches of a rebuild. */
  facts?: ClockFacts;
}

/** Recomputes the facts of `ticketIds` (missing tickets lose theirs). Returns how many were refreshed. */
export async function refreshTicketStats(
  opts: RefreshOptions,
  ticketIds: readonly number[],
): Promise<number> {
  const { tx, workspaceId } = opts;
  if (ticketIds.length === 0) return 0;
  await repo.lockWorkspaceStats(tx, workspaceId);
  const facts = opts.facts ?? clockFacts(tx, workspaceId);
  const computed = await computeTicketFacts(tx, workspaceId, facts, ticketIds);
  const stored = await repo.storedContributions(tx, workspaceId, ticketIds);
  const deltas = new Map<string, StatContribution>();
  const dimDeltas = new Map<string, DimContribution>();
  for (const fact of computed) {
    const old = stored.get(fact.ticket_id);
    merge(deltas, contributionDelta(old?.contributions ?? [], fact.contributions));
    if (old) addDimContributions(dimDeltas, old, -1);
    addDimContributions(dimDeltas, fact, 1);
  }
  const present = new Set(computed.map((f) => f.ticket_id));
  const gone = ticketIds.filter((id) => !present.has(id) && stored.has(id));
  for (const id of gone) {
    const old = stored.get(id)!;
    merge(deltas, contributionDelta(old.contributions, []));
    addDimContributions(dimDeltas, old, -1);
  }
  await repo.upsertFacts(tx, computed, opts.now);
  await repo.deleteFacts(tx, workspaceId, gone);
  await repo.applyDailyDeltas(tx, workspaceId, [...deltas.values()]);
  await repo.applyDimDeltas(tx, workspaceId, [...dimDeltas.values()]);
  return computed.length;
}

/** Loads what ticketFacts needs of the tickets, in three statements, and computes their facts. */
export async function computeTicketFacts(
  tx: Tx,
  workspaceId: number,
  facts: ClockFacts,
  ticketIds: readonly number[],
): Promise<TicketFacts[]> {
  // One after the other: they share the transaction's connection.
  const tickets = await repo.ticketsForFacts(tx, workspaceId, ticketIds);
  const changes = await statusChangesOfMany(tx, workspaceId, [...ticketIds]);
  const replies = await repo.publicRepliesOf(tx, workspaceId, ticketIds);
  const timezone = await facts.timezone();
  const computed: TicketFacts[] = [];
  for (const ticket of tickets) {
    computed.push(
      ticketFacts({
        ticket,
        changes: changes.get(ticket.id) ?? [],
        replies: replies.get(ticket.id) ?? [],
        calendar: await ticketCalendar(facts, ticket),
        timezone,
      }),
    );
  }
  return computed;
}
