/**
 * The report's filter dimensions and a ticket's value of each: ticket_stat_dims holds every daily count
 * again per (dimension, value), so a report filtered by one dimension sums rows like an unfiltered one.
 * The duration buckets stay out: they have a key per duration, so per dimension value they would add
 * about one row per ticket (filtered percentiles read the facts of the range instead; migration 0054).
 */
import type { StatContribution, StatDimension } from '../../db/schema.js';
import { BUCKET_METRICS } from './duration-buckets.js';

/** A fact's current dimensions (as stored in ticket_stat_facts). */
export interface DimensionedFact {
  team_id: number | null;
  assigned_to_id: number | null;
  category_id: number | null;
  priority_id: number;
  channel: string;
  contributions: readonly StatContribution[];
}

export interface DimContribution extends StatContribution {
  dim: StatDimension;
  value: string;
}

/** The (dimension, value) pairs a fact counts under; none for a missing team, assignee or category. */
export function dimensionValues(f: Omit<DimensionedFact, 'contributions'>): [StatDimension, string][] {
  const pairs: [StatDimension, number | string | null][] = [
    ['team', f.team_id],
    ['agent', f.assigned_to_id],
    ['category', f.category_id],
    ['priority', f.priority_id],
    ['channel', f.channel],
  ];
  return pairs.filter(([, v]) => v !== null).map(([d, v]) => [d, String(v)]);
}

/** Adds `sign` × the fact's counts (not its buckets) under each of its dimension values into `into`. */
export function addDimContributions(
  into: Map<string, DimContribution>,
  fact: DimensionedFact,
  sign: 1 | -1,
): void {
  for (const [dim, value] of dimensionValues(fact)) {
    for (const c of fact.contributions) {
      if (BUCKET_METRICS.includes(c.metric)) continue;
      const k = `${dim}|${value}|${c.day}|${c.metric}|${c.key}`;
      const existing = into.get(k);
      if (existing) existing.n += sign * c.n;
      else into.set(k, { dim, value, day: c.day, metric: c.metric, key: c.key, n: sign * c.n });
    }
  }
}
