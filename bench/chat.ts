/**
 * Live chat on one process: CHATS visitors connected over the chat WebSocket (in a child process, so
 * the server's memory is the server's), MESSAGES lines sent from random visitors; measured: visitor send
 * → agent socket receives the line (p50/p95; the line is a committed ticket message that reached the
 * agent through the event feed) and the server's memory per connection (RSS and heap, after GC). Next
 * to it, in the same run, a bare `ws` server that relays each line to the agent socket.
 *
 *   npx tsx --expose-gc bench/chat.ts            # 1,000 connections, 300 lines
 *   npx tsx --expose-gc bench/chat.ts --quick    # 200 connections, 100 lines
 *
 * A fresh database on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), dropped after.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { WebSocket, WebSocketServer } from 'ws';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { inWorkspace } from '../src/db/tenant.js';
import { startChat } from '../src/modules/channels/chat/start-chat.js';
import { createApiToken } from '../src/modules/tokens/create-api-token.js';
import { createStaffUser } from '../src/modules/users/create-staff-user.js';
import { createWorkspace } from '../src/modules/workspaces/create-workspace.js';
import type { AppDeps } from '../src/platform/deps.js';
import { createRealtime } from '../src/platform/events/realtime.js';
import { createPgBossQueue } from '../src/platform/jobs/pg-boss-queue.js';
import { createLogger } from '../src/platform/logger.js';
import { migrateDatabase } from '../src/platform/migrate-database.js';
import { createDiskStorage } from '../src/platform/storage/disk-storage.js';
import { ticketHooks } from '../src/ticket-hooks.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const CHATS = arg('connections', quick ? 200 : 1000);
const MESSAGES = arg('messages', quick ? 100 : 300);
const GAP_MS = arg('gap', 20);
const BENCH_DB = 'bfg2_bench_chat';
const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (s: string) => process.stderr.write(`${s}\n`);
const clock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: BASE_URL });
  await c.connect();
  await c.query(sql);
  await c.end();
}

async function memory() {
  gc();
  await sleep(300);
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

/** Spawns the visitors, waits until all are connected; returns the send/close handles. */
async function visitors(url: string, count: number, tokens: string[] | null) {
  let file = '-';
  if (tokens) {
    file = path.join(tmpdir(), `bfg2-chat-bench-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(tokens));
  }
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/chat-clients.ts', url, String(count), file],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  await new Promise<void>((resolve) => lines.once('line', () => resolve()));
  return {
    send: (i: number) => child.stdin.write(`send ${i}\n`),
    close: async () => {
      child.stdin.write('close\n');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** Sends MESSAGES lines from random visitors, GAP_MS apart; returns the latencies the agent saw. */
async function run(agent: WebSocket, v: { send(i: number): void }, count: number): Promise<number[]> {
  const latencies: number[] = [];
  agent.on('message', (data: Buffer) => {
    const f = JSON.parse(data.toString()) as { type?: string; text?: string };
    const m = /^t=([\d.]+)$/.exec(f.text ?? '');
    if ((f.type === undefined || f.type === 'message') && m?.[1]) latencies.push(clock() - Number(m[1]));
  });
  for (let i = 0; i < MESSAGES; i += 1) {
    v.send(Math.floor(Math.random() * count));
    await sleep(GAP_MS);
  }
  const deadline = Date.now() + 30_000;
  while (latencies.length < MESSAGES && Date.now() < deadline) await sleep(50);
  return latencies;
}

async function bare() {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  let agentSocket: WebSocket | null = null;
  server.on('connection', (socket, request) => {
    if (request.url?.includes('agent')) agentSocket = socket;
    else socket.on('message', (data: Buffer) => agentSocket?.send(data.toString()));
  });
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new WebSocket(`${url}/?agent=1`);
  await new Promise((resolve) => agent.once('open', resolve));
  const before = await memory();
  const v = await visitors(url, CHATS, null);
  const after = await memory();
  const latencies = await run(agent, v, CHATS);
  await v.close();
  agent.close();
  server.close();
  return { before, after, latencies };
}

async function product() {
  await admin(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${BENCH_DB}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${BENCH_DB}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 10 });
  await migrateDatabase(db.raw);
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
  const config = loadConfig({
    DATA_DIR: '/tmp/bfg2-bench-unused',
    LOG_LEVEL: 'warn',
    DATABASE_URL: url.toString(),
  });
  const realtime = createRealtime(db, createLogger('warn'));
  const deps: AppDeps = {
    config: { ...config, sessionSecret: 'bench-secret-bench-secret-bench-secret-0123' },
    db,
    jobs: createPgBossQueue(db.raw, { pollSeconds: 5, supervise: false }),
    storage: createDiskStorage('/tmp/bfg2-bench-unused'),
    now: () => new Date(),
    log: createLogger('warn'),
    realtime,
  };
  log(`starting ${CHATS} chats …`);
  const workspace = { id: ws.id, default_priority: ws.default_priority };
  const tokens: string[] = [];
  for (let i = 0; i < CHATS; i += 1) {
    const started = await inWorkspace(db, ws.id, (tx) =>
      startChat(
        { tx, workspace, now: new Date(), hooks: ticketHooks(), jobs: deps.jobs },
        { name: `V${i}`, email: `v${i}@bench.test`, message: 'hi' },
      ),
    );
    tokens.push(started.token);
  }
  const app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/support/chat/socket?workspace=bench`;
  const agent = new WebSocket(base, { headers: { authorization: `Bearer ${token}` } });
  await new Promise((resolve) => agent.once('message', resolve));
  const before = await memory();
  const v = await visitors(base, CHATS, tokens);
  const after = await memory();
  const latencies = await run(agent, v, CHATS);
  await v.close();
  agent.close();
  await app.close();
  await realtime.stop();
  await deps.jobs.stop();
  await db.close();
  await admin(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  return { before, after, latencies };
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);
function report(label: string, r: Awaited<ReturnType<typeof bare>>) {
  const rss = (r.after.rss - r.before.rss) / CHATS;
  const heap = (r.after.heap - r.before.heap) / CHATS;
  console.log(
    `${label.padEnd(34)} p50 ${pct(r.latencies, 50).toFixed(2).padStart(7)} ms  p95 ${pct(r.latencies, 95).toFixed(2).padStart(7)} ms  ` +
      `received ${r.latencies.length}/${MESSAGES}  per connection: RSS ${kib(rss)} KiB, heap ${kib(heap)} KiB`,
  );
  return { p50: pct(r.latencies, 50), p95: pct(r.latencies, 95), rss, heap };
}

log(`bare ws relay, ${CHATS} connections …`);
const b = await bare();
log(`product chat socket, ${CHATS} connections …`);
const p = await product();
console.log(
  `chat bench: ${CHATS} connections, ${MESSAGES} lines ${GAP_MS} ms apart (load ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`,
);
const rb = report('bare ws relay', b);
const rp = report('product: visitor → agent', p);
console.log(
  `product/bare: p50 ×${(rp.p50 / rb.p50).toFixed(1)}, p95 ×${(rp.p95 / rb.p95).toFixed(1)}, heap per connection ×${(rp.heap / Math.max(1, rb.heap)).toFixed(1)}`,
);
process.exit(0);
