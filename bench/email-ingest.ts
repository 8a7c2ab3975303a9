/**
 * Inbound mail benchmark (issue 14, point 10): end-to-end mails/s — SMTP in (the listener, 250 after the
 * raw mail is committed) → processed into a ticket or a threaded reply — and IMAP fetch → stored (a
 * private Dovecot), next to bare mailparser parsing of the same mails in the same run; into an empty
 * workspace and one that already holds many tickets. Half the mails open tickets, half reply to them by
 * In-Reply-To; every reply is checked to be on its ticket.
 *
 *   npx tsx bench/email-ingest.ts [--quick] [--mails 1000] [--tickets 100000] [--pool 10] [--statements]
 *                                 [--profile <dir>] [--no-imap] [--connections 8] [--no-analyze]
 *
 * BENCH_DATABASE_URL / TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the
 * server; the database <BENCH_DB_PREFIX, default email_bench>_<random> is created and dropped.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import { sql } from 'kysely';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.js';
import { asSystem } from '../src/db/tenant.js';
import { pollMailbox, secretBox } from '../src/modules/email/index.js';
import { createPgBossQueue } from '../src/platform/jobs/pg-boss-queue.js';
import { createLogger } from '../src/platform/logger.js';
import { migrateDatabase } from '../src/platform/migrate-database.js';
import { startDovecot } from '../src/test/dovecot.js';
import { buildCustomer, buildWorkspace, priorityOf } from '../src/test/factories.js';

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
const STATEMENTS = argv.includes('--statements');
/** --no-imap: leave out the IMAP figure (for quicker iterations on the SMTP path). */
const IMAP = !argv.includes('--no-imap');
/** --no-analyze: keep the filled workspace unanalyzed on a server without autovacuum (stale plans). */
const NO_ANALYZE = argv.includes('--no-analyze');
/** --profile <dir>: the product process writes a V8 CPU profile there (node --cpu-prof). */
const PROFILE = argv.includes('--profile') ? path.resolve(argv[argv.indexOf('--profile') + 1] ?? '.') : null;
const SERVER =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const log = createLogger('silent');
const secrets = secretBox(randomBytes(32));
const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });

async function composeAll(to: string, tag: string): Promise<{ raws: Buffer[]; ids: string[] }> {
  const half = MAILS / 2;
  const ids = Array.from({ length: MAILS }, (_, i) => `<b${i}-${tag}@bench.test>`);
  const raws: Buffer[] = [];
  for (let i = 0; i < MAILS; i++) {
    const reply = i >= half;
    const info = await composer.sendMail({
      from: `customer${i % half}@example.com`,
      to,
      subject: reply ? `Re: question ${i - half}` : `question ${i}`,
      text: reply ? `follow-up ${i}\n\nOn Mon someone wrote:\n> earlier` : `first mail ${i}`,
      messageId: ids[i],
      ...(reply ? { inReplyTo: ids[i - half] } : {}),
    });
    raws.push(info.message as Buffer);
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

async function fill(db: Database, workspaceId: number, n: number): Promise<void> {
  if (n === 0) return;
  const ws = await asSystem(db, (tx) =>
    tx.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirstOrThrow(),
  );
  const customer = await buildCustomer(db, ws);
  const priority = (await priorityOf(db, ws)).id;
  await asSystem(db, (tx) =>
    sql`INSERT INTO support_tickets (workspace_id, customer_id, ticket_number, subject, description, priority_id, channel)
        SELECT ${workspaceId}, ${customer.id}, 'OLD-' || g, 'old ticket ' || g, 'old', ${priority}, 'email'
        FROM generate_series(1, ${n}) g`.execute(tx),
  );
}

interface Stats {
  cpuMs: number;
  statements: Record<string, number>;
  waitedMs: Record<string, number>;
}

/** The product process (bench/email-ingest-worker.ts): a worker with the SMTP listener on. */
interface Product {
  port: number;
  stats(): Promise<Stats>;
  stop(): Promise<void>;
}

function startProduct(url: string, dataDir: string): Promise<Product> {
  const child = spawn(
    process.execPath,
    [
      ...(PROFILE ? [`--cpu-prof`, `--cpu-prof-dir=${PROFILE}`] : []),
      '--import',
      'tsx',
      'bench/email-ingest-worker.ts',
      url,
      dataDir,
      String(POOL),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the product process exited (${code})`)));
    void next().then((ready) => {
      const port = Number(/READY (\d+)/.exec(ready)?.[1]);
      resolve({
        port,
        async stats() {
          const line = next();
          child.stdin.write('stats\n');
          return JSON.parse(await line) as Stats;
        },
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.stdin.write('stop\n');
          }),
      });
    });
  });
}

/** Waits until none of the workspace's stored mail is left unprocessed; returns when that was. */
async function processedBy(db: Database, workspaceId: number, expected: number): Promise<number> {
  for (;;) {
    const row = await asSystem(db, (tx) =>
      tx
        .selectFrom('inbound_emails')
        .select((eb) => [
          eb.fn.countAll<number>().as('all'),
          eb.fn.count<number>('id').filterWhere('status', '=', 'received').as('waiting'),
        ])
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow(),
    );
    if (Number(row.all) >= expected && Number(row.waiting) === 0) return performance.now();
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface Phase {
  sent: number;
  stored: number;
  done: number;
  cpuMs: number;
  statements: Record<string, number>;
  waitedMs: Record<string, number>;
}

/** Sends the mails through the listener and waits for the product to process them all. */
async function phase(
  db: Database,
  product: Product,
  wsId: number,
  to: string,
  raws: Buffer[],
  before: number,
): Promise<Phase> {
  const client = nodemailer.createTransport({
    host: '127.0.0.1',
    port: product.port,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Infinity,
  });
  const s0 = await product.stats();
  const t0 = performance.now();
  await Promise.all(raws.map((raw) => client.sendMail({ envelope: { from: 'x@example.com', to }, raw })));
  const stored = performance.now();
  client.close();
  const done = await processedBy(db, wsId, before + raws.length);
  const s1 = await product.stats();
  const statements: Record<string, number> = {};
  for (const [k, v] of Object.entries(s1.statements)) {
    const d = v - (s0.statements[k] ?? 0);
    if (d > 0) statements[k] = d;
  }
  const waitedMs: Record<string, number> = {};
  for (const [k, v] of Object.entries(s1.waitedMs)) waitedMs[k] = v - (s0.waitedMs[k] ?? 0);
  return {
    sent: t0,
    stored: (stored - t0) / 1000,
    done: (done - t0) / 1000,
    cpuMs: s1.cpuMs - s0.cpuMs,
    statements,
    waitedMs,
  };
}

/**
 * This machine's CI PostgreSQL runs with autovacuum off (README, "Performance"): a table filled here
 * would never get planner statistics, and the 100,000 tickets of one workspace would be planned as if it
 * had a handful (index scans of the whole workspace inside nested loops: seconds per batch). Any server
 * that vacuums analyzes such a change within a minute; the bench does the same at once.
 */
async function analyzeWithoutAutovacuum(db: Database): Promise<boolean> {
  const on = await db.raw.query<{ autovacuum: string }>('SHOW autovacuum');
  if (on.rows[0]?.autovacuum === 'on') return false;
  await db.raw.query('ANALYZE');
  return true;
}

async function scenario(db: Database, product: Product, existing: number) {
  const ws = await buildWorkspace(db);
  await fill(db, ws.id, existing);
  const analyzed = existing > 0 && !NO_ANALYZE && (await analyzeWithoutAutovacuum(db));
  const address = `bench-${randomBytes(3).toString('hex')}@bench.test`;
  await asSystem(db, (tx) =>
    tx
      .insertInto('mailboxes')
      .values({ workspace_id: ws.id, address, auto_acknowledge: false })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  const { raws, ids } = await composeAll(address, randomBytes(3).toString('hex'));

  let t = performance.now();
  for (const raw of raws) await simpleParser(raw);
  const bare = MAILS / ((performance.now() - t) / 1000);

  // New mails first, then the replies to them (a reply arrives after the ticket it answers exists).
  const half = MAILS / 2;
  const first = await phase(db, product, ws.id, address, raws.slice(0, half), 0);
  const second = await phase(db, product, ws.id, address, raws.slice(half), half);
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
  let imap = 'n/a';
  if (IMAP)
    try {
      const dovecot = await startDovecot();
      const folder = `B${randomBytes(3).toString('hex')}`;
      const c = new ImapFlow({
        host: '127.0.0.1',
        port: dovecot.port,
        secure: false,
        auth: { user: dovecot.user, pass: dovecot.password },
        logger: false,
      });
      await c.connect();
      await c.mailboxCreate(folder);
      const imapWs = await buildWorkspace(db);
      const imapIds: string[] = [];
      for (const [i, raw] of raws.entries()) {
        const id = `<imap${i}-${folder}@bench.test>`;
        imapIds.push(id);
        await c.append(folder, raw.toString('latin1').replace(ids[i] as string, id));
      }
      await c.logout();
      const m = await asSystem(db, (tx) =>
        tx
          .insertInto('mailboxes')
          .values({
            workspace_id: imapWs.id,
            address: `imap-${folder.toLowerCase()}@bench.test`,
            imap_host: '127.0.0.1',
            imap_port: dovecot.port,
            imap_tls: false,
            imap_user: dovecot.user,
            imap_password_enc: secrets.seal(dovecot.password),
            imap_folder: folder,
          })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
      const jobs = createPgBossQueue(db.raw, { pollSeconds: 60, supervise: false });
      t = performance.now();
      const res = await pollMailbox({ db, jobs, secrets, now: () => new Date(), log }, imapWs.id, m.id);
      const fetched = (performance.now() - t) / 1000;
      // The product process's workers process them (enqueued by the poll); waited for, so that the next
      // scenario's figures do not include them.
      const processed = (await processedBy(db, imapWs.id, res.stored)) - t;
      imap =
        `${(res.stored / fetched).toFixed(0)} mails/s stored, ` +
        `${(res.stored / (processed / 1000)).toFixed(0)} mails/s processed (${res.stored} mails)`;
      await dovecot.stop();
    } catch (err) {
      imap = `skipped (${err instanceof Error ? err.message : String(err)})`;
    }
  const f = (n: number) => n.toFixed(0).padStart(6);
  console.log(
    `\n${existing.toLocaleString('en')} tickets before, ${MAILS} mails (${MAILS / 2} new, ${MAILS / 2} replies)` +
      `${analyzed ? '; autovacuum is off here, so ANALYZE ran after the fill' : ''}:`,
  );
  console.log(`  bare mailparser parse            ${f(bare)} mails/s`);
  console.log(`  SMTP in → stored (250)           ${f(storedRate)} mails/s`);
  console.log(`  stored → processed               ${f(processed)} mails/s  (after the last 250)`);
  console.log(
    `  SMTP in → ticket/reply threaded  ${f(endToEnd)} mails/s  (${((endToEnd / bare) * 100).toFixed(0)} % of bare parse)`,
  );
  console.log(`  product process CPU              ${cpuPerMail.toFixed(2).padStart(6)} ms per mail`);
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
  try {
    await migrateDatabase(db.raw);
    product = await startProduct(url.toString(), dir);
    console.log(
      `email-ingest: ${MAILS} mails per run through one worker process (listener, jobs, subscribers; ` +
        `pool ${POOL}), sent over ${CONNECTIONS} SMTP connections${quick ? ' (--quick)' : ''}; load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
    await scenario(db, product, 0);
    await scenario(db, product, BIG);
    console.log(
      `\nload average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await product?.stop();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
