import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../db/client.js';
import { inWorkspace } from '../../db/tenant.js';
import type { Workspace } from '../../db/schema.js';
import { testDatabase } from '../../test/db.js';
import { buildWorkspace, unique } from '../../test/factories.js';
import { createLogger } from '../logger.js';
import { startDispatcher, type Dispatcher } from './dispatcher.js';
import { openNotifications, type ProcessNotifications } from './notifications.js';
import type { EventSubscriber, StoredEvent } from './subscriber.js';

const log = createLogger('silent');

let db: Database;
let ws: Workspace;
const running: { dispatcher: Dispatcher; notifications: ProcessNotifications }[] = [];

beforeAll(async () => {
  db = await testDatabase();
  ws = await buildWorkspace(db);
});
afterAll(async () => {
  for (const r of running) {
    await r.dispatcher.stop();
    await r.notifications.close();
  }
});

/** A dispatcher woken only by NOTIFY on PostgreSQL (its safety-net poll is a minute away). */
async function start(
  on: Database,
  subscribers: EventSubscriber[],
  backoffMs: (attempt: number) => number = () => 20,
  minGapMs = 0,
) {
  const notifications = await openNotifications(on, log);
  const dispatcher = startDispatcher({
    db: on,
    subscribers,
    log,
    backoffMs,
    pollMs: 60_000,
    minGapMs,
  });
  notifications.onEvents(() => dispatcher.wake());
  running.push({ dispatcher, notifications });
  return dispatcher;
}

async function emit(type = 'test.happened', on: Database = db): Promise<number> {
  const r = await on.raw.query<{ id: number }>(
    `INSERT INTO domain_events (workspace_id, type, subject_type, subject_id) VALUES ($1, $2, 'ticket', 1)
     RETURNING id`,
    [ws.id, type],
  );
  return r.rows[0]!.id;
}

/** A subscriber recording the ids of this file's workspace's events it was handed. */
function recorder(name = `test-${unique()}`, types: EventSubscriber['types'] = '*') {
  const seen: number[] = [];
  const sub: EventSubscriber = {
    name,
    types,
    handle: (e: StoredEvent) => {
      if (e.workspaceId === ws.id) seen.push(e.id);
      return Promise.resolve();
    },
  };
  return { sub, seen };
}

describe('event dispatcher', () => {
  it('hands committed events to a subscriber in order, only of its types', async () => {
    const { sub, seen } = recorder(undefined, ['ticket.rated']);
    const d = await start(db, [sub]);
    await d.drain();
    const ids: number[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await emit('ticket.rated'));
    await emit('ticket.tagged');
    ids.push(await emit('ticket.rated'));
    await vi.waitFor(() => expect(seen).toEqual(ids), { timeout: 5000 });
  });

  it('does not skip a lower id whose transaction commits late', async () => {
    const { sub, seen } = recorder();
    const d = await start(db, [sub]);
    await d.drain();
    const late = new pg.Client({ connectionString: inject('databaseUrl') });
    await late.connect();
    try {
      await late.query('BEGIN');
      const lower = await late.query<{ id: string }>(
        `INSERT INTO domain_events (workspace_id, type, subject_type, subject_id) VALUES ($1, 'test.late', 'ticket', 1)
         RETURNING id`,
        [ws.id],
      );
      const lowerId = Number(lower.rows[0]!.id);
      const higherId = await emit();
      expect(higherId).toBeGreaterThan(lowerId);
      await d.drain();
      await new Promise((r) => setTimeout(r, 100));
      // The higher id is committed, but it waits behind the open transaction rather than be read first.
      expect(seen).toEqual([]);
      await late.query('COMMIT');
      await vi.waitFor(() => expect(seen).toEqual([lowerId, higherId]), { timeout: 5000 });
    } finally {
      await late.end();
    }
  });

  it('retries a throwing subscriber with backoff while the others go on', async () => {
    const steady = recorder();
    let failures = 0;
    const flakySeen: number[] = [];
    const flaky: EventSubscriber = {
      name: `flaky-${unique()}`,
      types: '*',
      handle(e) {
        if (e.workspaceId !== ws.id) return Promise.resolve();
        if (failures < 2) {
          failures += 1;
          return Promise.reject(new Error('receiver down'));
        }
        flakySeen.push(e.id);
        return Promise.resolve();
      },
    };
    const backoffs: number[] = [];
    const d = await start(db, [flaky, steady.sub], (attempt) => {
      backoffs.push(attempt);
      return 30;
    });
    await d.drain();
    const ids = [await emit(), await emit(), await emit()];
    await vi.waitFor(() => expect(steady.seen).toEqual(ids), { timeout: 5000 });
    await vi.waitFor(() => expect(flakySeen).toEqual(ids), { timeout: 5000 });
    expect(failures).toBe(2);
    expect(backoffs).toEqual([1, 2]);
    // The cursor is written after the batch: the failure is cleared once the event went through.
    await vi.waitFor(async () => {
      const cursor = await db.raw.query<{ attempts: number; last_error: string }>(
        'SELECT attempts, last_error FROM event_cursors WHERE subscriber = $1',
        [flaky.name],
      );
      expect(cursor.rows[0]).toEqual({ attempts: 0, last_error: '' });
    });
  });

  it('hands a page of events to handleBatch at once, and one by one to handle() when the batch throws', async () => {
    /** Three events committed together, so that one read of the log returns them all. */
    const emitThree = async () => {
      const r = await db.raw.query<{ id: number }>(
        `INSERT INTO domain_events (workspace_id, type, subject_type, subject_id)
         SELECT $1, 'test.batched', 'ticket', g FROM generate_series(1, 3) g RETURNING id`,
        [ws.id],
      );
      return r.rows.map((row) => row.id).sort((a, b) => a - b);
    };
    const batches: number[][] = [];
    const single: number[] = [];
    let failBatches = 0;
    const sub: EventSubscriber = {
      name: `batched-${unique()}`,
      types: '*',
      handle(e) {
        if (e.workspaceId === ws.id) single.push(e.id);
        return Promise.resolve();
      },
      handleBatch(events) {
        if (failBatches > 0) {
          failBatches -= 1;
          return Promise.reject(new Error('batch refused'));
        }
        batches.push(events.filter((e) => e.workspaceId === ws.id).map((e) => e.id));
        return Promise.resolve();
      },
    };
    const d = await start(db, [sub]);
    await d.drain();
    batches.length = 0;
    single.length = 0;
    const first = await emitThree();
    await vi.waitFor(() => expect(batches.flat()).toEqual(first), { timeout: 5000 });
    expect(batches).toEqual([first]);
    expect(single).toEqual([]);

    failBatches = 1;
    const second = await emitThree();
    await vi.waitFor(() => expect(single).toEqual(second), { timeout: 5000 });
    expect(batches.flat()).toEqual(first);
  });

  it('with a gap, takes the events of many commits in few reads, and drain() does not wait for the gap', async () => {
    const reads: number[][] = [];
    const sub: EventSubscriber = {
      name: `gap-${unique()}`,
      types: '*',
      // A read of one event goes to handle(), of several to handleBatch(): either is one read here.
      handle(e) {
        if (e.workspaceId === ws.id && e.type === 'test.gapped') reads.push([e.id]);
        return Promise.resolve();
      },
      handleBatch(events) {
        const ours = events.filter((e) => e.workspaceId === ws.id && e.type === 'test.gapped');
        if (ours.length > 0) reads.push(ours.map((e) => e.id));
        return Promise.resolve();
      },
    };
    const d = await start(db, [sub], undefined, 300);
    await d.drain();
    // Ten commits 15 ms apart, each notifying, within the gap: without it, each would be a read of its own.
    const ids: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      ids.push(await emit('test.gapped'));
      await new Promise((r) => setTimeout(r, 15));
    }
    await vi.waitFor(() => expect(reads.flat().length).toBeGreaterThanOrEqual(ids.length), { timeout: 5000 });
    expect(reads.flat()).toEqual(ids);
    expect(reads.length).toBeLessThanOrEqual(3);
    // Right after a read, drain() reads again at once rather than after the gap.
    const late = await emit('test.gapped');
    const started = performance.now();
    await d.drain();
    expect(reads.flat()).toEqual([...ids, late]);
    expect(performance.now() - started).toBeLessThan(300);
  });

  it('resumes from its cursor after a restart', async () => {
    const name = `restart-${unique()}`;
    const first = recorder(name);
    const d1 = await start(db, [first.sub]);
    await d1.drain();
    const before = [await emit(), await emit()];
    await vi.waitFor(() => expect(first.seen).toEqual(before), { timeout: 5000 });
    await d1.stop();
    const whileDown = [await emit(), await emit()];
    const second = recorder(name);
    await start(db, [second.sub]);
    await vi.waitFor(() => expect(second.seen).toEqual(whileDown), { timeout: 5000 });
  });

  it('delivers each event once across two processes on one database', async () => {
    const other = await openDatabase({ databaseUrl: inject('databaseUrl'), dataDir: '', poolSize: 4 });
    try {
      const name = `shared-${unique()}`;
      const deliveries: { process: number; id: number }[] = [];
      const sub = (process: number): EventSubscriber => ({
        name,
        types: '*',
        async handle(e) {
          if (e.workspaceId !== ws.id) return;
          deliveries.push({ process, id: e.id });
          await new Promise((r) => setTimeout(r, 2));
        },
      });
      const d1 = await start(db, [sub(1)]);
      const d2 = await start(other, [sub(2)]);
      await Promise.all([d1.drain(), d2.drain()]);
      const ids = await Promise.all(
        Array.from({ length: 40 }, (_, i) => emit('test.shared', i % 2 === 0 ? db : other)),
      );
      await vi.waitFor(() => expect(deliveries.length).toBeGreaterThanOrEqual(ids.length), {
        timeout: 10_000,
      });
      await new Promise((r) => setTimeout(r, 200));
      await Promise.all([d1.drain(), d2.drain()]);
      expect(deliveries.map((d) => d.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    } finally {
      await other.close();
    }
  });

  it('never deadlocks its pool: subscribers beyond `concurrency` wait for a place, not a connection', async () => {
    // Three connections (one LISTENs), three subscribers whose handlers each need a connection besides the cursor's:
    // all three holding a cursor would leave none for any handler.
    const small = await openDatabase({ databaseUrl: inject('databaseUrl'), dataDir: '', poolSize: 3 });
    try {
      const seen = new Map<string, number[]>();
      const subs: EventSubscriber[] = [1, 2, 3].map((n) => {
        const name = `pool-${n}-${unique()}`;
        seen.set(name, []);
        return {
          name,
          types: '*',
          async handle(e) {
            if (e.workspaceId !== ws.id || e.type !== 'test.pooled') return;
            await small.raw.query('SELECT pg_sleep(0.01)');
            seen.get(name)?.push(e.id);
          },
        };
      });
      const notifications = await openNotifications(small, log);
      const dispatcher = startDispatcher({
        db: small,
        subscribers: subs,
        log,
        pollMs: 60_000,
        concurrency: 1,
      });
      notifications.onEvents(() => dispatcher.wake());
      running.push({ dispatcher, notifications });
      await dispatcher.drain();
      const ids = [await emit('test.pooled'), await emit('test.pooled')];
      dispatcher.wake();
      await vi.waitFor(
        () => expect([...seen.values()].every((list) => list.length === ids.length)).toBe(true),
        {
          timeout: 15_000,
        },
      );
      for (const list of seen.values()) expect(list).toEqual(ids);
      await dispatcher.stop();
      await notifications.close();
      running.splice(
        running.findIndex((r) => r.dispatcher === dispatcher),
        1,
      );
    } finally {
      await small.close();
    }
  });

  it('keeps the cursors out of reach of the application role', async () => {
    await expect(
      inWorkspace(db, ws.id, (tx) => sql`SELECT * FROM event_cursors`.execute(tx)),
    ).rejects.toThrow(/permission denied/);
  });
});
