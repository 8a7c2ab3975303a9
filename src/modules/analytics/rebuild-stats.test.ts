/**
 * The set-based rebuild (batched reads, one unnest INSERT per batch, the daily table summed in SQL) gives
 * exactly the rollups the per-ticket refresh gives, on a varied data set: every channel and priority,
 * assigned and not, answered or not, resolved, closed, reopened, cancelled, pending, breached, rated,
 * across months, DST changes and business-hour edges.
 */
import { describe, expect, it } from 'vitest';
import type { TicketChannel, TicketStatus } from '../../db/schema.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { testApp } from '../../test/app.js';
import { buildUser, buildWorkspace } from '../../test/factories.js';
import { insertFixtureTicket, statsRollups, type FixtureTicket } from '../../test/stats-fixture.js';
import { rebuildStats } from './rebuild-stats.js';
import { refreshTicketStats } from './refresh-ticket-stats.js';

const { db } = await testApp();
const now = () => new Date('2026-12-06T12:00:00Z');

const CHANNELS: TicketChannel[] = ['web', 'email', 'phone', 'chat'];
const PRIORITIES = ['low', 'medium', 'high', 'urgent'];
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A deterministic spread of life stories (a linear congruential sequence picks each one's shape). */
function stories(count: number, agents: number[]): FixtureTicket[] {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  const out: FixtureTicket[] = [];
  for (let i = 0; i < count; i++) {
    // Creation from 2026-03-01 (before the spring DST change) to November, at any minute.
    const created = Date.UTC(2026, 2, 1) + next(270 * 24) * HOUR + next(60) * 60_000;
    const agent = next(4) === 0 ? null : agents[next(agents.length)]!;
    const answered = next(6) !== 0;
    const first = created + (1 + next(60)) * 60_000 + next(3) * 17 * HOUR;
    const shape = next(7);
    const moves: [string, TicketStatus][] = [];
    let at = answered ? first : created + HOUR;
    const move = (status: TicketStatus, hours: number) => {
      at += hours * HOUR + next(60) * 60_000;
      moves.push([iso(at), status]);
    };
    if (answered) moves.push([iso(first), 'open']);
    if (shape === 0) move('pending', 2);
    if (shape === 1) move('cancelled', 1);
    if (shape >= 2) move('resolved', 1 + next(60));
    if (shape === 3) move('closed', 48);
    if (shape === 4) {
      move('open', 5 + next(30));
      move('on_hold', 1);
      move('open', 20);
      move('resolved', 3);
    }
    out.push({
      channel: CHANNELS[next(CHANNELS.length)]!,
      priority: PRIORITIES[next(PRIORITIES.length)]!,
      created: iso(created),
      assignee: agent,
      moves,
      replies: answered
        ? [[iso(first), agent ?? agents[0]!], ...(next(2) ? [[iso(first + 5 * HOUR), agents[0]!]] : [])]
        : [],
      notes: next(3) === 0 ? [[iso(created + HOUR), agents[0]!]] : [],
      ...(shape >= 2 && next(3) === 0
        ? { rating: [1 + next(5), next(2) ? 'Fine' : ''] as [number, string] }
        : {}),
      responseBreached: next(9) === 0,
    } as FixtureTicket);
  }
  return out;
}

describe('rebuildStats', () => {
  it('gives the same facts and daily counts as refreshing each ticket alone', async () => {
    const ws = await buildWorkspace(db);
    const agents = [(await buildUser(db, ws)).id, (await buildUser(db, ws)).id, (await buildUser(db, ws)).id];
    const ids: number[] = [];
    for (const spec of stories(60, agents)) ids.push(await insertFixtureTicket(db, ws, spec));

    // The per-ticket path, as the subscriber runs it: one ticket per transaction, deltas applied.
    for (const id of ids) {
      await inWorkspace(db, ws.id, (tx) => refreshTicketStats({ tx, workspaceId: ws.id, now: now() }, [id]));
    }
    const perTicket = await statsRollups(db, ws.id);
    expect(perTicket.facts).toHaveLength(60);
    const metrics = new Set(perTicket.daily.map((d) => d.metric));
    for (const m of ['created', 'resolved', 'reopened', 'backlog', 'csat', 'breaches', 'replies_agent'])
      expect(metrics, m).toContain(m);

    // A stale daily row that no fact explains disappears: the rebuild sums the facts afresh.
    await asSystem(db, (tx) =>
      tx
        .insertInto('ticket_stat_daily')
        .values({ workspace_id: ws.id, day: '2020-01-01', metric: 'created', key: '', n: 5 })
        .execute(),
    );
    const progress: (number | string)[] = [];
    const result = await rebuildStats(db, ws.id, {
      now,
      batchSize: 7,
      onProgress: (p) => progress.push(p.step === 'facts' ? p.done : p.step),
    });
    expect(result).toEqual({ done: 60, total: 60 });
    expect(progress).toEqual([0, 7, 14, 21, 28, 35, 42, 49, 56, 60, 'daily', 'dimensions', 'done']);
    expect(await statsRollups(db, ws.id)).toEqual(perTicket);
  }, 120_000);
});
