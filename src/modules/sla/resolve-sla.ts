/**
 * Which SLA applies to a ticket, and why: the ticket's own (pinned by staff), else its category's, else
 * the workspace default (is_default), else none.
 *
 * An inactive SLA is treated as if it were not set: it is skipped and the next in line applies (a
 * deactivated SLA releases its tickets instead of leaving them with no targets or with stale ones).
 * The explanation lists what was skipped.
 */
import type { Tx } from '../../db/tenant.js';
import { findDefaultSlaId, findSlaTerms, loadClockContext, statusChangesOf } from './repository.js';
import type { StatusChange } from './status-timeline.js';
import type { PriorityTerms, SlaTerms } from './targets.js';

export type SlaSource = 'ticket' | 'category' | 'default' | 'none';

export interface SkippedSla {
  id: number;
  name: string;
  source: Exclude<SlaSource, 'none'>;
  reason: 'inactive';
}

export interface SlaResolution {
  sla: SlaTerms | null;
  source: SlaSource;
  skipped: SkippedSla[];
  category: { id: number; name: string } | null;
}

/** Memoised reads of what the clock needs, for one transaction (a recompute batch shares one). */
export interface ClockFacts {
  workspaceId: number;
  sla(id: number): Promise<SlaTerms | undefined>;
  priority(id: number): Promise<PriorityTerms>;
  category(id: number): Promise<{ id: number; name: string; sla_id: number | null } | undefined>;
  defaultSlaId(): Promise<number | undefined>;
  timezone(): Promise<string>;
  /** A ticket's recorded status changes, oldest first. */
  statusChanges(ticketId: number): Promise<StatusChange[]>;
}

function memo<K, V>(load: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const cache = new Map<K, Promise<V>>();
  return (key) => {
    let value = cache.get(key);
    if (!value) cache.set(key, (value = load(key)));
    return value;
  };
}

function lazy<V>(load: () => Promise<V>): () => Promise<V> {
  let value: Promise<V> | undefined;
  return () => (value ??= load());
}

/** Facts read through `tx`, each at most once. */
export function clockFacts(tx: Tx, workspaceId: number): ClockFacts {
  return {
    workspaceId,
    sla: memo((id: number) => findSlaTerms(tx, workspaceId, id)),
    priority: memo((id: number) =>
      tx
        .selectFrom('ticket_priorities')
        .select(['id', 'code', 'name', 'response_hours', 'resolution_hours'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    ),
    category: memo((id: number) =>
      tx
        .selectFrom('ticket_categories')
        .select(['id', 'name', 'sla_id'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst(),
    ),
    defaultSlaId: lazy(() => findDefaultSlaId(tx, workspaceId)),
    timezone: lazy(
      async () =>
        (
          await tx
            .selectFrom('workspaces')
            .select('timezone')
            .where('id', '=', workspaceId)
            .executeTakeFirstOrThrow()
        ).timezone,
    ),
    statusChanges: (ticketId: number) => statusChangesOf(tx, workspaceId, ticketId),
  };
}

/**
 * Facts for one ticket's clock, read in one statement (its category, the candidate SLAs with their
 * holidays, the default SLA, the priority, the workspace's time zone and the ticket's status changes)
 * instead of up to seven; anything else asked for falls back to `clockFacts`.
 */
export async function ticketClockFacts(
  tx: Tx,
  ticket: {
    id: number;
    workspace_id: number;
    priority_id: number;
    category_id: number | null;
    sla_id: number | null;
  },
): Promise<ClockFacts> {
  const fallback = clockFacts(tx, ticket.workspace_id);
  const ctx = await loadClockContext(tx, ticket);
  const slas = new Map(ctx.slas.map((sla) => [sla.id, sla]));
  return {
    workspaceId: ticket.workspace_id,
    sla: (id) => (slas.has(id) ? Promise.resolve(slas.get(id)) : fallback.sla(id)),
    priority: (id) =>
      id === ticket.priority_id && ctx.priority ? Promise.resolve(ctx.priority) : fallback.priority(id),
    category: (id) => (id === ticket.category_id ? Promise.resolve(ctx.category) : fallback.category(id)),
    defaultSlaId: () => Promise.resolve(ctx.defaultSlaId),
    timezone: () => Promise.resolve(ctx.timezone),
    statusChanges: (ticketId) =>
      ticketId === ticket.id ? Promise.resolve(ctx.statusChanges) : fallback.statusChanges(ticketId),
  };
}

/** Resolves the SLA of a ticket (pinned → category → default → none), skipping inactive ones. */
export async function resolveTicketSla(
  facts: ClockFacts,
  ticket: { sla_id: number | null; sla_pinned: boolean; category_id: number | null },
): Promise<SlaResolution> {
  const category = ticket.category_id !== null ? await facts.category(ticket.category_id) : undefined;
  const candidates: { id: number | null | undefined; source: SkippedSla['source'] }[] = [
    { id: ticket.sla_pinned ? ticket.sla_id : null, source: 'ticket' },
    { id: category?.sla_id, source: 'category' },
    { id: await facts.defaultSlaId(), source: 'default' },
  ];
  const skipped: SkippedSla[] = [];
  for (const candidate of candidates) {
    if (candidate.id === null || candidate.id === undefined) continue;
    const sla = await facts.sla(candidate.id);
    if (!sla) continue;
    if (!sla.is_active) {
      if (!skipped.some((s) => s.id === sla.id)) {
        skipped.push({ id: sla.id, name: sla.name, source: candidate.source, reason: 'inactive' });
      }
      continue;
    }
    return { sla, source: candidate.source, skipped, category: category ? pick(category) : null };
  }
  return { sla: null, source: 'none', skipped, category: category ? pick(category) : null };
}

function pick(category: { id: number; name: string }) {
  return { id: category.id, name: category.name };
}
