/**
 * Inbound mail benchmark (issue 14, point 10): end-to-end mails/s — SMTP in (the listener, 250 after the
 * raw mail is committed) → processed into a ticket or a threaded reply — and IMAP fetch → stored (a
 * private Dovecot), next to bare mailparser parsing of the same mails in the same run; into an empty
 * workspace and one that already holds many tickets. Half the mails open tickets, half reply to them by
 * In-Reply-To; every reply is checked to be on its ticket.
 *
 *   npx tsx bench/email-ingest.ts [--quick] [--mails 1000] [--tickets 100000] [--workers 4]
 *
 * BENCH_DATABASE_URL / TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the
 * server; the database email_bench_<random> is created and dropped.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import { sql } from 'kysely';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.js';
import { asSystem } from '../src/db/tenant.js';
import {
  pollMailbox,
  processInboundEmail,
  secretBox,
  startSmtpListener,
  type ProcessDeps,
} from '../src/modules/email/index.js';
import { createPgBossQueue } from '../src/platform/jobs/pg-boss-queue.js';
import { createLogger } from '../src/platform/logger.js';
import { migrateDatabase } from '../src/platform/migrate-database.js';
import { createDiskStorage } from '../src/platform/storage/disk-storage.js';
import { startDovecot } from '../src/test/dovecot.js';
import { buildCustomer, buildWorkspace, priorityOf } from '../src/test/factories.js';
import { ticketHooks } from '../src/ticket-hooks.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const MAILS = arg('mails', quick ? 200 : 1000);
const BIG = arg('tickets', quick ? 10_000 : 100_000);
const WORKERS = arg('workers', 4);
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

async function processAll(deps: ProcessDeps, workspaceId: number, rowIds: number[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (next < rowIds.length) {
        const id = rowIds[next++] as number;
        await processInboundEmail(deps, workspaceId, id);
      }
    }),
  );
}

async function rowIdsOf(db: Database, workspaceId: number, ids: string[]): Promise<number[]> {
  const rows = await asSystem(db, (tx) =>
    tx
      .selectFrom('inbound_emails')
      .select(['id', 'message_id'])
      .where('workspace_id', '=', workspaceId)
      .execute(),
  );
  const byId = new Map(rows.map((r) => [r.message_id, r.id]));
  return ids.map((id) => byId.get(id)).filter((x): x is number => x !== undefined);
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

async function scenario(db: Database, storage: ReturnType<typeof createDiskStorage>, existing: number) {
  const jobs = createPgBossQueue(db.raw, { pollSeconds: 60, supervise: false });
  const ws = await buildWorkspace(db);
  await fill(db, ws.id, existing);
  const address = `bench-${randomBytes(3).toString('hex')}@bench.test`;
  await asSystem(db, (tx) =>
    tx
      .insertInto('mailboxes')
      .values({ workspace_id: ws.id, address })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  const deps: ProcessDeps = {
    db,
    storage,
    now: () => new Date(),
    hooks: ticketHooks(),
    limits: { maxAttachmentBytes: 25e6, maxMessageAttachmentsBytes: 25e6, maxAttachmentsPerMessage: 10 },
  };
  const { raws, ids } = await composeAll(address, randomBytes(3).toString('hex'));

  let t = performance.now();
  for (const raw of raws) await simpleParser(raw);
  const bare = MAILS / ((performance.now() - t) / 1000);

  const listener = await startSmtpListener({ db, jobs, log, port: 0, host: '127.0.0.1', maxBytes: 10e6 });
  const client = nodemailer.createTransport({
    host: '127.0.0.1',
    port: listener.port,
    pool: true,
    maxConnections: 8,
  });
  t = performance.now();
  await Promise.all(
    raws.map((raw) => client.sendMail({ envelope: { from: 'x@example.com', to: address }, raw })),
  );
  const stored = MAILS / ((performance.now() - t) / 1000);
  const rowIds = await rowIdsOf(db, ws.id, ids);
  await processAll(deps, ws.id, rowIds.slice(0, MAILS / 2));
  await processAll(deps, ws.id, rowIds.slice(MAILS / 2));
  const endToEnd = MAILS / ((performance.now() - t) / 1000);
  client.close();
  await listener.close();
  const wrong = await misthreaded(db, ws.id, ids);

  let imap = 'n/a';
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
    t = performance.now();
    const res = await pollMailbox({ db, jobs, secrets, now: () => new Date(), log }, imapWs.id, m.id);
    imap = `${(res.stored / ((performance.now() - t) / 1000)).toFixed(0)} mails/s (${res.stored} stored)`;
    await dovecot.stop();
  } catch (err) {
    imap = `skipped (${err instanceof Error ? err.message : String(err)})`;
  }
  await jobs.stop();
  console.log(
    `\n${existing.toLocaleString('en')} tickets before, ${MAILS} mails (${MAILS / 2} new, ${MAILS / 2} replies):`,
  );
  console.log(`  bare mailparser parse            ${bare.toFixed(0).padStart(6)} mails/s`);
  console.log(`  SMTP in → stored (250)           ${stored.toFixed(0).padStart(6)} mails/s`);
  console.log(
    `  SMTP in → ticket/reply threaded  ${endToEnd.toFixed(0).padStart(6)} mails/s  (${((endToEnd / bare) * 100).toFixed(0)} % of bare parse)`,
  );
  console.log(`  IMAP fetch → stored              ${imap}`);
  console.log(`  replies on the wrong ticket      ${wrong} of ${MAILS / 2}`);
}

async function main() {
  const name = `email_bench_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'bfg2-email-bench-'));
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: WORKERS + 8 });
  try {
    await migrateDatabase(db.raw);
    const storage = createDiskStorage(dir);
    console.log(
      `email-ingest: ${MAILS} mails per run, ${WORKERS} processing workers${quick ? ' (--quick)' : ''}`,
    );
    await scenario(db, storage, 0);
    await scenario(db, storage, BIG);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
