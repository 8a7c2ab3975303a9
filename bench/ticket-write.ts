/**
 * Write-path cost of the ticket term statistics (migration 0040): tickets created and replied to through
 * the API (POST /api/support/tickets/, POST /api/support/tickets/{id}/reply/) with the statistics
 * triggers enabled and, in alternating rounds in the same run, disabled. Prints the median and p95 ms per
 * request of each and their ratio. The texts come from a fixed vocabulary (seeded), so the statistics
 * tables hold shared and new words as in a real inbox.
 *
 *   npx tsx bench/ticket-write.ts [--rounds 6] [--per-round 40]
 *
 * TEST_DATABASE_URL or BENCH_DATABASE_URL names the server; a database bfg2_ticket_write is created and
 * dropped.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { benchApp, workspaceWithToken } from './relevance/public-collections.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) =>
  argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : fallback;
const ROUNDS = arg('rounds', 6);
const PER_ROUND = arg('per-round', 40);
const SERVER_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'bfg2_ticket_write';
const TRIGGERS = [
  ['support_tickets', 'support_ticket_stats_after_insert'],
  ['support_ticket_messages', 'support_message_stats_after_insert'],
] as const;

const WORDS = (
  'order parcel refund invoice delivery broken missing charged twice account password login payment card ' +
  'address return label courier damaged replacement warranty kettle blender lamp printer toner cable ' +
  'subscription cancel discount voucher size colour exchange tracking customs weekend urgent please help'
).split(' ');
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const text = (n: number) =>
  Array.from({ length: n }, () =>
    rand() < 0.1 ? `w${Math.floor(rand() * 5000)}` : WORDS[Math.floor(rand() * WORDS.length)],
  ).join(' ');

const admin = new pg.Client({ connectionString: SERVER_URL });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${DB}`);
const url = new URL(SERVER_URL);
url.pathname = `/${DB}`;
const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 2 });
try {
  await migrate(db.raw);
  const { app, close } = await benchApp(db);
  const { slug, token } = await workspaceWithToken(db, 'write');
  const headers = { authorization: `Bearer ${token}`, 'x-workspace': slug };
  const times = {
    on: { create: [] as number[], reply: [] as number[] },
    off: { create: [] as number[], reply: [] as number[] },
  };
  for (let round = 0; round < ROUNDS * 2; round++) {
    const mode = round % 2 === 0 ? 'on' : 'off';
    for (const [table, trigger] of TRIGGERS) {
      await db.raw.query(`ALTER TABLE ${table} ${mode === 'on' ? 'ENABLE' : 'DISABLE'} TRIGGER ${trigger}`);
    }
    for (let i = 0; i < PER_ROUND; i++) {
      let t0 = performance.now();
      const created = await app.inject({
        method: 'POST',
        url: '/api/support/tickets/',
        headers,
        payload: { subject: text(6), description: text(40), customer: `c${i % 50}@example.test` },
      });
      if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
      // The first round of each mode warms up.
      if (round >= 2) times[mode].create.push(performance.now() - t0);
      const id = created.json<{ id: number }>().id;
      t0 = performance.now();
      const reply = await app.inject({
        method: 'POST',
        url: `/api/support/tickets/${id}/reply/`,
        headers,
        payload: { message: text(60) },
      });
      if (reply.statusCode !== 201) throw new Error(`reply: ${reply.statusCode} ${reply.body}`);
      if (round >= 2) times[mode].reply.push(performance.now() - t0);
    }
  }
  for (const [table, trigger] of TRIGGERS)
    await db.raw.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
  const pct = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.floor((p / 100) * (xs.length - 1))]!;
  for (const op of ['create', 'reply'] as const) {
    const on = times.on[op];
    const off = times.off[op];
    console.log(
      `${op.padEnd(7)} n=${on.length}+${off.length}  with statistics p50 ${pct(on, 50).toFixed(1)} ms p95 ${pct(on, 95).toFixed(1)} ms | ` +
        `without p50 ${pct(off, 50).toFixed(1)} ms p95 ${pct(off, 95).toFixed(1)} ms | p50 ratio ${(pct(on, 50) / pct(off, 50)).toFixed(2)}`,
    );
  }
  await close();
} finally {
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
}
