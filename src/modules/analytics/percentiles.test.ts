/**
 * Percentiles from the rollups' duration buckets (plus one probe per percentile) equal percentile_disc
 * over the facts, when many tickets share a bucket — unfiltered, under one-dimension filters and per agent.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';
import { buildUser, buildWorkspace } from '../../test/factories.js';
import { insertFixtureTicket } from '../../test/stats-fixture.js';
import { durationBucket } from './duration-buckets.js';
import { rebuildStats } from './rebuild-stats.js';
import { supportStats } from './support-stats.js';

const { db } = await testApp();
const now = new Date('2026-12-06T12:00:00Z');
const CHANNELS = ['web', 'email', 'phone'] as const;
const iso = (ms: number) => new Date(ms).toISOString();

describe('report percentiles from buckets', () => {
  it('equal percentile_disc over the facts, ranks deep inside shared buckets', async () => {
    const ws = await buildWorkspace(db);
    const agents = [(await buildUser(db, ws)).id, (await buildUser(db, ws)).id];
    const start = Date.parse('2026-11-30T08:00:00Z');
    for (let i = 0; i < 60; i++) {
      const created = start + i * 60_000;
      // First responses 1,000–1,299 s: three or four buckets of ~100 s, each holding many tickets.
      const answered = created + (1_000 + ((i * 37) % 300)) * 1000;
      const agent = agents[i % 2]!;
      await insertFixtureTicket(db, ws, {
        channel: CHANNELS[i % 3]!,
        priority: i % 2 ? 'high' : 'low',
        created: iso(created),
        assignee: agent,
        replies: [[iso(answered), agent]],
        moves:
          i % 4 === 0
            ? [[iso(answered), 'open']]
            : [
                [iso(answered), 'open'],
                [iso(answered + ((i * 53) % 2_000) * 1000), 'resolved'],
              ],
      });
    }
    await rebuildStats(db, ws.id, { now: () => now });
    const buckets = new Set(Array.from({ length: 60 }, (_, i) => durationBucket(1_000 + ((i * 37) % 300))));
    expect(buckets.size).toBeLessThan(6);

    for (const filter of [
      {},
      { channel: 'email' },
      { channel: 'web,phone' },
      { priority: 'high' },
      { agent: agents[1]! },
    ]) {
      const query = { from: '2026-11-30', to: '2026-12-06', ...filter };
      const fromRollups = await supportStats(db, ws, query, now);
      const fromFacts = await supportStats(db, ws, query, now, { fromFacts: true });
      expect(fromRollups.first_response_time.calendar.median).not.toBeNull();
      expect(fromRollups.resolution_time.business.p90).not.toBeNull();
      expect(fromRollups, JSON.stringify(filter)).toEqual(fromFacts);
    }
    // Hand-checked: 60 first responses 1,000 + (37 i mod 300) s; percentile_disc(0.5) is the 30th smallest.
    const values = Array.from({ length: 60 }, (_, i) => 1_000 + ((i * 37) % 300)).sort((a, b) => a - b);
    const all = await supportStats(db, ws, { from: '2026-11-30', to: '2026-12-06' }, now);
    expect(all.first_response_time.calendar).toEqual({ median: values[29], p90: values[53] });
  }, 120_000);
});
