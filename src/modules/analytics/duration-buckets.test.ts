import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { asSystem } from '../../db/tenant.js';
import { testDatabase } from '../../test/db.js';
import { BUCKET_LOWER_BOUNDS, durationBucket, rankInBuckets } from './duration-buckets.js';

const db = await testDatabase();

describe('duration buckets', () => {
  it('place every bound, and the second before it, as ticket_stat_bucket (migration 0054) does', async () => {
    const values = [...new Set(BUCKET_LOWER_BOUNDS.flatMap((b) => [b, Math.max(0, b - 1), b + 1]))].filter(
      (v) => v <= 2 ** 31 - 1,
    );
    const { rows } = await asSystem(db, (tx) =>
      sql<{ v: number; b: number }>`
        SELECT v, ticket_stat_bucket(v) AS b FROM unnest(${sql.val(values)}::int[]) AS v ORDER BY v`.execute(
        tx,
      ),
    );
    expect(rows.map((r) => [r.v, r.b])).toEqual(
      values.sort((a, b) => a - b).map((v) => [v, durationBucket(v)]),
    );
    expect(durationBucket(0)).toBe(1);
    expect(durationBucket(12)).toBe(durationBucket(11));
    expect(durationBucket(13)).toBe(durationBucket(11) + 1);
  });

  it('find the bucket and offset of percentile_disc’s rank ceil(p × n)', () => {
    // Values 5, 5, 12, 12, 12, 300: three buckets.
    const counts = new Map([
      [durationBucket(300), 1],
      [durationBucket(5), 2],
      [durationBucket(12), 3],
    ]);
    expect(rankInBuckets(counts, 0.5)).toEqual({ bucket: durationBucket(12), offset: 0 }); // rank 3
    expect(rankInBuckets(counts, 0.9)).toEqual({ bucket: durationBucket(300), offset: 0 }); // rank 6
    expect(rankInBuckets(counts, 0.2)).toEqual({ bucket: durationBucket(5), offset: 1 }); // rank 2
    expect(rankInBuckets(counts, 0)).toEqual({ bucket: durationBucket(5), offset: 0 });
    expect(rankInBuckets(new Map(), 0.5)).toBeNull();
  });
});
