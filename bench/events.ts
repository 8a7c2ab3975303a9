/**
 * Events benchmark on PostgreSQL: commit → SSE delivery latency with --clients connected streams on one
 * process, the server's memory per stream, commit → subscriber latency and events/s through the
 * dispatcher — each next to its bare baseline measured in the same run: a LISTEN/NOTIFY round trip
 * between two pg clients, and paging through domain_events with a bare `id > cursor` reader.
 *
 *   npx tsx --expose-gc bench/events.ts [--clients 1000] [--events 100] [--backlog 20000] [--port 3530]
 *                                      [--db bfg2_bench_events]
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server; the database
 * (--db) is dropped and recreated. Targets: commit → subscriber p95 < 100 ms.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createApiToken } from '../src/modules/tokens/create-api-token.js';
import { createStaffUser } from '../src/modules/users/create-staff-user.js';
import { createWorkspace } from '../src/modules/workspaces/create-workspace.js';
import { inWorkspace } from '../src/db/tenant.js';
import type { AppDeps } from '../src/platform/deps.js';
import { startDispatcher } from '../src/platform/events/dispatcher.js';
import { createRealtime } from '../src/platform/events/realtime.js';
import { createPgBossQueue } from '../src/platform/jobs/pg-boss-queue.js';
import { createLogger } from '../src/platform/logger.js';
import { createDiskStorage } from '../src/platform/storage/disk-storage.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const CLIENTS = arg('clients', 1000);
const EVENTS = arg('events', 100);
const BACKLOG = arg('backlog', 20_000);
const PORT = arg('port', 3530);
const dbArg = argv.indexOf('--db');
const BENCH_DB = dbArg >= 0 ? String(argv[dbArg + 1]) : 'bfg2_bench_events';
if (!/^[a-z_][a-z0-9_]*$/.test(BENCH_DB)) throw new Error(`--db: not a plain database name: ${BENCH_DB}`);
const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (s: string) => process.stderr.write(`${s}\n`);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const row = (label: string, xs: number[], unit = 'ms') =>
  `${label.padEnd(44)} p50 ${pct(xs, 50).toFixed(2).padStart(8)} ${unit}   p95 ${pct(xs, 95).toFixed(2).padStart(8)} ${unit}   n=${xs.length}`;

async function recreate(): Promise<string> {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();
  const url = new URL(BASE_URL);
  url.pathname = `/${BENCH_DB}`;
  return url.toString();
}

/** Bare baseline: NOTIFY on one client → notification on another. */
async function bareNotify(url: string, runs: number): Promise<number[]> {
  const listener = new pg.Client({ connectionString: url });
  const sender = new pg.Client({ connectionString: url });
  await Promise.all([listener.connect(), sender.connect()]);
  await listener.query('LISTEN bench_round_trip');
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = now();
    const got = once(listener, 'notification');
    await sender.query(`NOTIFY bench_round_trip, '${i}'`);
    await got;
    times.push(now() - started);
  }
  await Promise.all([listener.end(), sender.end()]);
  return times;
}

async function main() {
  const url = await recreate();
  const db = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 10 });
  await migrate(db.raw);
  const ws = await createWorkspace(db, { slug: 'bench', name: 'Bench', ticketPrefix: 'B', timezone: 'UTC' });
  const user = await createStaffUser(db, {
    workspaceId: ws.id,
    email: 'agent@bench.test',
    role: 'agent',
    name: 'Agent',
    password: 'bench-password-1',
  });
  const token = (
    await inWorkspace(db, ws.id, (tx) => createApiToken(tx, { workspaceId: ws.id, userId: user.id }))
  ).token;
  const insert = (type: string) =>
    db.raw.query<{ id: number }>(
      `INSERT INTO domain_events (workspace_id, type, subject_type, subject_id) VALUES ($1, $2, 'user', $3) RETURNING id`,
      [ws.id, type, user.id],
    );

  log('bare LISTEN/NOTIFY round trip …');
  const bare = await bareNotify(url, 200);

  // The dispatcher: commit → handle, one event at a time.
  log('dispatcher latency …');
  const handled = new Map<number, number>();
  let count = 0;
  const dispatcher = startDispatcher({
    db,
    log: createLogger('warn'),
    subscribers: [
      {
        name: 'bench',
        types: '*',
        handle: (e) => {
          handled.set(e.id, now());
          count += 1;
          return Promise.resolve();
        },
      },
    ],
  });
  const realtime = createRealtime(db, createLogger('warn'));
  (await realtime.notifications()).onEvents(() => dispatcher.wake());
  await dispatcher.drain();
  const committed = new Map<number, number>();
  for (let i = 0; i < EVENTS; i += 1) {
    const t0 = now();
    const { rows } = await insert('bench.dispatch');
    committed.set(rows[0]!.id, t0);
    await sleep(20);
  }
  await sleep(500);
  const subscriberLatency = [...committed].map(([id, t0]) => (handled.get(id) ?? NaN) - t0);

  // Throughput: a backlog committed at once, then drained.
  log(`dispatcher throughput over ${BACKLOG} events …`);
  const before = count;
  await db.raw.query(
    `INSERT INTO domain_events (workspace_id, type, subject_type, subject_id)
     SELECT $1, 'bench.backlog', 'user', $2 FROM generate_series(1, $3)`,
    [ws.id, user.id, BACKLOG],
  );
  const tp0 = now();
  while (count - before < BACKLOG) await sleep(5);
  const dispatchSeconds = (now() - tp0) / 1000;
  await dispatcher.stop();
  // Bare: the same rows paged by id with no cursor table, no lock, no snapshot rule.
  const bp0 = now();
  let cursor = 0;
  let read = 0;
  for (;;) {
    const page = await db.raw.query<{ id: number }>(
      'SELECT id, workspace_id, type, subject_type, subject_id, payload, created_at FROM domain_events WHERE id > $1 ORDER BY id LIMIT 100',
      [cursor],
    );
    if (page.rows.length === 0) break;
    read += page.rows.length;
    cursor = page.rows[page.rows.length - 1]!.id;
  }
  const bareSeconds = (now() - bp0) / 1000;

  // SSE: one web process with CLIENTS streams (clients in a child process).
  log(`SSE with ${CLIENTS} streams …`);
  const config = loadConfig({ DATA_DIR: '/tmp/bfg2-bench-unused', LOG_LEVEL: 'warn', DATABASE_URL: url });
  const deps: AppDeps = {
    config: { ...config, sessionSecret: 'bench-secret-bench-secret-bench-secret-0123' },
    db,
    jobs: createPgBossQueue(db.raw, { pollSeconds: 5, supervise: false }),
    storage: createDiskStorage('/tmp/bfg2-bench-unused'),
    now: () => new Date(),
    log: createLogger('warn'),
    realtime,
  };
  await realtime.feed();
  const app = await buildApp(deps);
  await app.listen({ port: PORT, host: '127.0.0.1' });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await sleep(200);
  const mem0 = process.memoryUsage();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/events-clients.ts',
      `http://127.0.0.1:${PORT}/api/support/events/stream`,
      token,
      String(CLIENTS),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
  const ready = JSON.parse(await next()) as { ready: number };
  gc?.();
  await sleep(500);
  const mem1 = process.memoryUsage();
  const sent = new Map<number, number>();
  for (let i = 0; i < EVENTS; i += 1) {
    const t0 = now();
    const { rows } = await insert('bench.sse');
    sent.set(rows[0]!.id, t0);
    await sleep(50);
  }
  await sleep(1000);
  const result = next();
  child.stdin.end();
  const { seen } = JSON.parse(await result) as { seen: Record<string, number[]> };
  const all: number[] = [];
  const lastClient: number[] = [];
  let missing = 0;
  for (const [id, t0] of sent) {
    const times = seen[String(id)] ?? [];
    missing += ready.ready - times.length;
    for (const t of times) all.push(t - t0);
    if (times.length > 0) lastClient.push(Math.max(...times) - t0);
  }
  await app.close();
  await deps.jobs.stop();
  await realtime.stop();
  await db.close();

  const perConn = (k: 'rss' | 'heapUsed') => (mem1[k] - mem0[k]) / Math.max(1, ready.ready) / 1024;
  process.stdout.write(
    [
      `bench/events.ts on ${BENCH_DB}: ${EVENTS} events, ${ready.ready} SSE streams, backlog ${BACKLOG}`,
      row('bare LISTEN/NOTIFY round trip', bare),
      row('commit → dispatcher subscriber', subscriberLatency),
      row(`commit → SSE frame, all ${ready.ready} clients`, all),
      row('commit → SSE frame, last of the clients', lastClient),
      `deliveries missing: ${missing}`,
      `memory per stream (server): heap ${perConn('heapUsed').toFixed(1)} KiB, rss ${perConn('rss').toFixed(1)} KiB${gc ? '' : ' (run with --expose-gc for steadier figures)'}`,
      `dispatcher: ${(BACKLOG / dispatchSeconds).toFixed(0)} events/s (${dispatchSeconds.toFixed(2)} s); bare id-paging reader: ${(read / bareSeconds).toFixed(0)} rows/s; ratio ${(read / bareSeconds / (BACKLOG / dispatchSeconds)).toFixed(2)}×`,
      `p95 ratio: subscriber / bare NOTIFY ${(pct(subscriberLatency, 95) / pct(bare, 95)).toFixed(1)}×, SSE / bare NOTIFY ${(pct(all, 95) / pct(bare, 95)).toFixed(1)}×`,
      '',
    ].join('\n'),
  );
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.end();
}

await main();
