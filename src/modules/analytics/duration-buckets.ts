/**
 * Log-scale buckets of a duration in seconds, so the report finds its percentiles from per-day counts:
 * sum the range's bucket counts, find the bucket holding each rank, then read the exact value inside that
 * bucket with one small index probe (stats-repository.ts). Every second up to 10 is its own bucket, then
 * each bucket is ~10 % wider than the one before: 208 buckets up to 2^31 s.
 *
 * The same lower bounds are written in migration 0054 (`ticket_stat_bucket`, which the probe's indexes
 * are built on); duration-buckets.test.ts checks that both place every boundary identically.
 */
function lowerBounds(): number[] {
  const bounds = [0];
  for (let v = 1; v < 2 ** 31; v = Math.max(v + 1, Math.ceil(v * 1.1))) bounds.push(v);
  return bounds;
}

export const BUCKET_LOWER_BOUNDS: readonly number[] = lowerBounds();

/** The bucket of `seconds` (≥ 0): 1 + the index of the last lower bound ≤ seconds, as width_bucket counts. */
export function durationBucket(seconds: number): number {
  let lo = 0;
  let hi = BUCKET_LOWER_BOUNDS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (BUCKET_LOWER_BOUNDS[mid]! <= seconds) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The four durations counted in buckets: their metric in the rollups. */
export const DURATION_METRICS = {
  first_response: { calendar: 'first_response_bucket', business: 'first_response_business_bucket' },
  resolution: { calendar: 'resolution_bucket', business: 'resolution_business_bucket' },
} as const;

/**
 * The first response's calendar bucket per assignee, keyed `<assignee id>:<bucket>`: the per-agent
 * medians, under any one-dimension filter too (the dimension rollup holds it like every contribution).
 */
export const AGENT_RESPONSE_METRIC = 'agent_first_response_bucket';

/** The bucket metrics: not counts of the report, read only for percentiles. */
export const BUCKET_METRICS: readonly string[] = [
  ...Object.values(DURATION_METRICS).flatMap((m) => [m.calendar, m.business]),
  AGENT_RESPONSE_METRIC,
];

export interface RankedBucket {
  bucket: number;
  /** 0-based position of the wanted value among the values of its bucket. */
  offset: number;
}

/**
 * Where percentile_disc(p) lies in bucket counts: the value at 1-based rank ceil(p × n) of the sorted
 * values (PostgreSQL's definition), as its bucket and its offset inside it. Null when there are no values.
 */
export function rankInBuckets(counts: ReadonlyMap<number, number>, p: number): RankedBucket | null {
  const total = [...counts.values()].reduce((a, n) => a + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let before = 0;
  for (const bucket of [...counts.keys()].sort((a, b) => a - b)) {
    const n = counts.get(bucket)!;
    if (before + n >= rank) return { bucket, offset: rank - before - 1 };
    before += n;
  }
  return null;
}
