/**
 * Inbound mail benchmark (issue 14, point 10): end-to-end mails/s — SMTP in (the listener, 250 after the
 * raw mail is committed) → processed into a ticket or a threaded reply — and IMAP fetch → stored (a
 * private Dovecot), next to bare mailparser parsing of the same mails in the same run; into an empty
 * workspace and one that already holds many tickets. Half the mails open tickets, half reply to them by
 * In-Reply-To; every reply is checked to be on its ticket.
 *
 *   npx tsx bench/email-ingest.ts [--quick] [--mails 1000] [--tickets 100000] [--pool 10] [--statements]
 *                                 [--profile <dir>] [--no-imap] [--connections 8] [--no-analyze]
 *                                 [--no-warmup] [--shape tiny|html|attachment] [--acknowledge]
 *                                 [--sender pipelined|nodemailer]
 *
 * The floor: the same mails through bench/email-floor-worker.ts, the least any implementation must do
 * (SMTP in, stored durably before 250, parsed; nothing else), with the CPU of the whole machine per mail.
 *
 * BENCH_DATABASE_URL / TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the
 * server; the database <BENCH_DB_PREFIX, default email_bench>_<random> is created and dropped (kept, and
 * named at the end, with BENCH_KEEP_DB=1).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.js';
import { asSystem } from '../src/db/tenant.js';
import { migrateDatabase } from '../src/platform/migrate-database.js';
import { buildWorkspace } from '../src/test/factories.js';
import { acknowledgedBy, analyzeAfterFill, autovacuumSetting, fill, processedBy } from './email-ingest-db.js';
import {
  bundle,
  cpuClock,
  cpuSince,
  startChild,
  type Child,
  type CpuClock,
  type Floor,
  type FloorStats,
  type Stats,
} from './email-ingest-processes.js';
import { imapRun } from './email-ingest-imap.js';
import { composeMail, mailShape } from './email-mail-shapes.js';
import { sendPipelined, smtpData } from './smtp-pipelined.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const MAILS = arg('mails', quick ? 200 : 1000);
const BIG = arg('tickets', quick ? 10_000 : 100_000);
const POOL = arg('pool', 10);
/** SMTP connections of the sending client (8 by default; Postfix's per-destination default is 20). */
const CONNECTIONS = arg('connections', 8);
/** --shape tiny|html|attachment: the mails sent (bench/email-mail-shapes.ts). */
const SHAPE = mailShape(argv.includes('--shape') ? argv[argv.indexOf('--shape') + 1] : undefined);
const STATEMENTS = argv.includes('--statements');
/** --no-imap: leave out the IMAP figure (for quicker iterations on the SMTP path). */
const IMAP = !argv.includes('--no-imap');
/** --no-analyze: measure the filled workspace before its tables are analyzed (stale plans). */
const NO_ANALYZE = argv.includes('--no-analyze');
/**
 * --acknowledge: the bench's mailbox acknowledges each new ticket by mail (auto_acknowledge on, as a
 * support team would run it); by default it does not, and the figures leave out queueing and sending them.
 */
const ACKNOWLEDGE = argv.includes('--acknowledge');
/**
 * --sender pipelined|nodemailer: the sending side — an MTA's PIPELINING client (bench/smtp-pipelined.ts,
 * the default) or nodemailer's pooled transport, a mail library that costs the shared cores about 0.5 ms
 * of CPU per mail more.
 */
const SENDER = argv.includes('--sender') ? argv[argv.indexOf('--sender') + 1] : 'pipelined';
if (SENDER !== 'pipelined' && SENDER !== 'nodemailer') throw new Error(`--sender: pipelined or nodemailer`);
/** --no-warmup: measure from the first mail after the product process starts (see main). */
const WARMUP = !argv.includes('--no-warmup');
/** --profile <dir>: the product process writes a V8 CPU profile there (node --cpu-prof). */
const PROFILE = argv.includes('--profile') ? path.resolve(argv[argv.indexOf('--profile') + 1] ?? '.') : null;
const SERVER =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
async function composeAll(to: string, tag: string): Promise<{ raws: Buffer[]; ids: string[] }> {
  const half = MAILS / 2;
  const ids = Array.from({ length: MAILS }, (_, i) => `<b${i}-${tag}@bench.test>`);
  const raws: Buffer[] = [];
  for (let i = 0; i < MAILS; i++) {
    const reply = i >= half;
    raws.push(
      await composeMail(SHAPE, {
        n: i % half,
        to,
        subject: reply ? `Re: question ${i - half}` : `question ${i}`,
        text: reply ? `follow-up ${i}\n\nOn Mon someone wrote:\n> earlier` : `first mail ${i}`,
        messageId: ids[i] as string,
        ...(reply ? { inReplyTo: ids[i - half] } : {}),
      }),
    );
  }
  return { raws, ids };
}

async function misthreaded(db: Database, workspaceId: number, ids: string[]): Promise<number> {
  const rows = await asSystem(db, (tx) =>
    tx
      .selectFrom('inbound_emails')
      .select(['message_id', 'ticket_id'])
      .where('workspace_id', '=', workspaceId)
      .execute(),
  );
  const ticketOf = new Map(rows.map((r) => [r.message_id, r.ticket_id]));
  const half = MAILS / 2;
  let wrong = 0;
  for (let i = half; i < MAILS; i++) {
    const t = ticketOf.get(ids[i] as string);
    if (t == null || t !== ticketOf.get(ids[i - half] as string)) wrong++;
  }
  return wrong;
}

type Product = Child<Stats>;
const startProduct = async (url: string, dataDir: string) =>
  startChild<Stats>([
    ...(PROFILE ? [`--cpu-prof`, `--cpu-prof-dir=${PROFILE}`] : []),
    await bundle('email-ingest-worker'),
    url,
    dataDir,
    String(POOL),
  ]);

/** The mails as composed, and as the pipelining sender writes them (prepared before the clock starts). */
interface Outgoing {
  raws: Buffer[];
  datas: Buffer[];
}
const outgoing = (raws: Buffer[]): Outgoing => ({
  raws,
  datas: SENDER === 'pipelined' ? raws.map(smtpData) : [],
});

interface Phase {
  stored: number;
  done: number;
  cpuMs: number;
  cpu: CpuClock;
  statements: Record<string, number>;
  waitedMs: Record<string, number>;
}

/** Sends the mails over CONNECTIONS SMTP connections; resolves when the last is answered 250. */
async function send(port: number, to: string, mails: Outgoing): Promise<void> {
  if (SENDER === 'pipelined')
    return sendPipelined(port, { from: 'x@example.com', to }, mails.datas, CONNECTIONS);
  const raws = mails.raws;
  const client = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Infinity,
  });
  await Promise.all(raws.map((raw) => client.sendMail({ envelope: { from: 'x@example.com', to }, raw })));
  client.close();
}

/** Sends the mails through the listener and waits for the product to process them all. */
async function phase(
  db: Database,
  product: Product,
  wsId: number,
  to: string,
  mails: Outgoing,
  before: number,
): Promise<Phase> {
  const s0 = await product.stats();
  const c0 = cpuClock();
  const t0 = performance.now();
  await send(product.port, to, mails);
  const stored = performance.now();
  const done = await processedBy(db, wsId, before + mails.raws.length);
  const cpu = cpuSince(c0);
  const s1 = await product.stats();
  const statements: Record<string, number> = {};
  for (const [k, v] of Object.entries(s1.statements)) {
    const d = v - (s0.statements[k] ?? 0);
    if (d > 0) statements[k] = d;
  }
  const waitedMs: Record<string, number> = {};
  for (const [k, v] of Object.entries(s1.waitedMs)) waitedMs[k] = v - (s0.waitedMs[k] ?? 0);
  return {
    stored: (stored - t0) / 1000,
    done: (done - t0) / 1000,
    cpuMs: s1.cpuMs - s0.cpuMs,
    cpu,
    statements,
    waitedMs,
  };
}

/** The same mails through the floor process: seconds until the last 250, until the last is parsed; CPU. */
async function floorRun(floor: Floor, mails: Outgoing) {
  const s0 = await floor.stats();
  const c0 = cpuClock();
  const t0 = performance.now();
  await send(floor.port, 'floor@bench.test', mails);
  const stored = performance.now();
  let s1 = await floor.stats();
  while (s1.parsed - s0.parsed < mails.raws.length) {
    await new Promise((r) => setTimeout(r, 25));
    s1 = await floor.stats();
  }
  const done = performance.now();
  const cpu = cpuSince(c0);
  return { stored: (stored - t0) / 1000, done: (done - t0) / 1000, cpuMs: s1.cpuMs - s0.cpuMs, cpu };
}

/**
 * One run: MAILS mails into a new workspace holding `existing` tickets, through the product and (when
 * given) through the floor. `label` set: a warm-up, printed on one line, with no floor and no IMAP.
 */
async function scenario(
  db: Database,
  product: Product,
  floor: Floor | null,
  existing: number,
  label?: string,
) {
  const ws = await buildWorkspace(db);
  await fill(db, ws.id, existing);
  const analyzed = existing > 0 && !NO_ANALYZE;
  if (analyzed) await analyzeAfterFill(db);
  const address = `bench-${randomBytes(3).toString('hex')}@bench.test`;
  await asSystem(db, (tx) =>
    tx
      .insertInto('mailboxes')
      .values({ workspace_id: ws.id, address, auto_acknowledge: ACKNOWLEDGE })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  const { raws, ids } = await composeAll(address, randomBytes(3).toString('hex'));

  const t = performance.now();
  for (const raw of raws) await simpleParser(raw);
  const bare = MAILS / ((performance.now() - t) / 1000);

  // New mails first, then the replies to them (a reply arrives after the ticket it answers exists).
  const half = MAILS / 2;
  const started = performance.now();
  const first = await phase(db, product, ws.id, address, outgoing(raws.slice(0, half)), 0);
  const second = await phase(db, product, ws.id, address, outgoing(raws.slice(half)), half);
  const acks = ACKNOWLEDGE ? await acknowledgedBy(db, ws.id) : null;
  const wrong = await misthreaded(db, ws.id, ids);
  const storedRate = MAILS / (first.stored + second.stored);
  const endToEnd = MAILS / (first.done + second.done);
  const processed = MAILS / (first.done - first.stored + second.done - second.stored + 1e-9);
  const cpuPerMail = (first.cpuMs + second.cpuMs) / MAILS;
  const statements: Record<string, number> = { ...first.statements };
  for (const [k, v] of Object.entries(second.statements)) statements[k] = (statements[k] ?? 0) + v;
  const waitedMs: Record<string, number> = { ...first.waitedMs };
  for (const [k, v] of Object.entries(second.waitedMs)) waitedMs[k] = (waitedMs[k] ?? 0) + v;
  const total = Object.values(statements).reduce((a, b) => a + b, 0);
  const f = (n: number) => n.toFixed(0).padStart(6);
  if (label) {
    console.log(
      `\n${label}: ${MAILS} mails into an empty workspace: ${endToEnd.toFixed(0)} mails/s end to end, ` +
        `${storedRate.toFixed(0)} mails/s stored, product CPU ${cpuPerMail.toFixed(2)} ms per mail`,
    );
    return;
  }
  const floorRes = floor ? await floorRun(floor, outgoing(raws)) : null;
  let imap = 'n/a';
  if (IMAP && !label)
    try {
      imap = await imapRun(db, raws, ids);
    } catch (err) {
      imap = `skipped (${err instanceof Error ? err.message : String(err)})`;
    }
  console.log(
    `\n${existing.toLocaleString('en')} tickets before, ${MAILS} mails (${MAILS / 2} new, ${MAILS / 2} replies; ` +
      `${Math.round(raws.reduce((n, r) => n + r.length, 0) / raws.length).toLocaleString('en')} bytes each on average)` +
      `${analyzed ? '; ANALYZE ran after the fill' : ''}:`,
  );
  console.log(`  bare mailparser parse            ${f(bare)} mails/s`);
  console.log(`  SMTP in → stored (250)           ${f(storedRate)} mails/s`);
  console.log(`  stored → processed               ${f(processed)} mails/s  (after the last 250)`);
  console.log(
    `  SMTP in → ticket/reply threaded  ${f(endToEnd)} mails/s  (${((endToEnd / bare) * 100).toFixed(0)} % of bare parse)`,
  );
  if (acks)
    console.log(
      `  acknowledgements sent            ${f(MAILS / ((acks.at - started) / 1000))} mails/s  ` +
        `(${acks.sent} sent, ${acks.other} not sent; the last ${((acks.at - started) / 1000).toFixed(1)} s after the first mail)`,
    );
  console.log(`  product process CPU              ${cpuPerMail.toFixed(2).padStart(6)} ms per mail`);
  const ms = (n: number) => (n / MAILS).toFixed(2).padStart(6);
  const cpu = {
    machine: first.cpu.machine + second.cpu.machine,
    postgres: first.cpu.postgres + second.cpu.postgres,
    client: first.cpu.client + second.cpu.client,
  };
  const busy = (cpu.machine / ((first.done + second.done) * 1000 * cpus().length)) * 100;
  console.log(
    `  CPU per mail, whole machine      ${ms(cpu.machine)} ms  (PostgreSQL ${ms(cpu.postgres).trim()}, ` +
      `sending client ${ms(cpu.client).trim()}; cores ${busy.toFixed(0)} % busy)`,
  );
  console.log(`  statements to PostgreSQL         ${(total / MAILS).toFixed(1).padStart(6)} per mail`);
  if (STATEMENTS) {
    console.log('      per mail, answered in (mean), kind:');
    for (const [k, v] of Object.entries(statements)
      .sort((x, y) => y[1] - x[1])
      .slice(0, 30))
      console.log(
        `      ${(v / MAILS).toFixed(2).padStart(6)}  ${((waitedMs[k] ?? 0) / v).toFixed(2).padStart(6)} ms  ${k}`,
      );
  }
  if (floorRes) {
    const rate = MAILS / floorRes.done;
    console.log(
      `  floor: SMTP in → stored → parsed ${f(rate)} mails/s  (${((rate / bare) * 100).toFixed(0)} % of bare parse; ` +
        `250 at ${(MAILS / floorRes.stored).toFixed(0)} mails/s; product at ${((endToEnd / rate) * 100).toFixed(0)} % of it)`,
    );
    console.log(
      `  floor CPU per mail, machine      ${ms(floorRes.cpu.machine)} ms  (floor process ${ms(floorRes.cpuMs).trim()}, ` +
        `PostgreSQL ${ms(floorRes.cpu.postgres).trim()}, sending client ${ms(floorRes.cpu.client).trim()})`,
    );
  }
  console.log(`  IMAP fetch → stored, processed   ${imap}`);
  console.log(`  replies on the wrong ticket      ${wrong} of ${MAILS / 2}`);
}

async function main() {
  const prefix = (process.env.BENCH_DB_PREFIX ?? 'email_bench').replace(/[^a-z0-9_]/g, '');
  const name = `${prefix}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'bfg2-email-bench-'));
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 4 });
  let product: Product | null = null;
  let floor: Floor | null = null;
  try {
    await migrateDatabase(db.raw);
    product = await startProduct(url.toString(), dir);
    floor = await startChild<FloorStats>([await bundle('email-floor-worker'), url.toString()]);
    console.log(
      `email-ingest: ${MAILS} ${SHAPE} mails per run through one worker process (listener, jobs, subscribers; ` +
        `pool ${POOL}), sent over ${CONNECTIONS} SMTP connections by ${SENDER === 'pipelined' ? 'a PIPELINING client' : 'nodemailer'}${quick ? ' (--quick)' : ''}; ` +
        `new tickets ${ACKNOWLEDGE ? 'acknowledged by mail' : 'not acknowledged'}; ` +
        `PostgreSQL autovacuum ${await autovacuumSetting(db)}; load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
    if (WARMUP) {
      // A server has been running before the mail comes in: its code is compiled, its connections and
      // their catalogue caches are warm, and its tables have planner statistics. The first run after a
      // start is printed, then not counted.
      await scenario(db, product, null, 0, 'warm-up, the first mails after the start (fresh database)');
      if (!NO_ANALYZE) await analyzeAfterFill(db);
    }
    await scenario(db, product, floor, 0);
    await scenario(db, product, floor, BIG);
    console.log(
      `\nload average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await product?.stop();
    await floor?.stop();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
    // BENCH_KEEP_DB=1 leaves the database for EXPLAIN afterwards (its name is printed).
    if (process.env.BENCH_KEEP_DB) console.log(`database kept: ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
