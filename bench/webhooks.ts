/**
 * Webhook benchmark on PostgreSQL: (a) fan-out — webhookSubscriber.handle() per event (subscriptions
 * lookup, body, delivery row and a pg-boss job in one tenant transaction) next to a bare one-row INSERT
 * transaction through pg; (b) delivery — deliverWebhook() per delivery (claim, SSRF check, signed POST to
 * a local receiver, record) next to a bare http POST of the same body to the same receiver.
 *
 *   npx tsx bench/webhooks.ts [--events 500] [--subscriptions 1]
 *
 * BENCH_DATABASE_URL / TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the
 * server; the database webhooks_bench_<random> is created and dropped. The receiver listens on
 * 127.0.0.1:3630 (private targets are allowed for the run).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { inWorkspace } from '../src/db/tenant.js';
import { deliverWebhook } from '../src/modules/webhooks/deliver-job.js';
import { webhookSubscriber } from '../src/modules/webhooks/subscriber.js';
import { recordEvent } from '../src/platform/events.js';
import { createPgBossQueue } from '../src/platform/jobs/pg-boss-queue.js';
import { createLogger } from '../src/platform/logger.js';
import { buildTicket, buildWorkspace } from '../src/test/factories.js';
import { storedEvents } from '../src/test/stored-events.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 500);
const SUBSCRIPTIONS = arg('subscriptions', 1);
const PORT = 3630;
const SERVER =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const line = (label: string, xs: number[]) =>
  `${label.padEnd(44)} p50 ${pct(xs, 50).toFixed(2).padStart(7)} ms   p95 ${pct(xs, 95).toFixed(2).padStart(7)} ms   ${(
    (xs.length * 1000) /
    xs.reduce((a, b) => a + b, 0)
  )
    .toFixed(0)
    .padStart(6)} /s`;
async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

async function main() {
  const name = `webhooks_bench_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => receiver.listen(PORT, '127.0.0.1', () => r()));
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 4 });
  try {
    await migrate(db.raw);
    const jobs = createPgBossQueue(db.raw, { pollSeconds: 60, supervise: false });
    const ws = await buildWorkspace(db);
    await inWorkspace(db, ws.id, (tx) =>
      tx
        .insertInto('webhook_subscriptions')
        .values(
          Array.from({ length: SUBSCRIPTIONS }, () => ({
            workspace_id: ws.id,
            url: `http://127.0.0.1:${PORT}/hook`,
            secret: 'bench',
            event_types: ['*'],
          })),
        )
        .execute(),
    );
    const ticket = await buildTicket(db, ws);
    await inWorkspace(db, ws.id, async (tx) => {
      for (let i = 0; i < EVENTS; i++) {
        await recordEvent(tx, {
          workspaceId: ws.id,
          type: 'ticket.updated',
          subjectType: 'ticket',
          subjectId: ticket.id,
          payload: {
            ticket_id: ticket.id,
            changes: [{ field: 'subject', old: 'before', new: `after ${i}` }],
          },
        });
      }
    });
    const events = await storedEvents(db, ws.id, { types: ['ticket.updated'] });
    const subscriber = webhookSubscriber({ db, jobs });
    const bareClient = new pg.Pool({ connectionString: url.toString(), max: 1 });
    await bareClient.query('CREATE TABLE bare_rows (id bigserial PRIMARY KEY, body text)');

    const fanOut = await timed(events.length, (i) => subscriber.handle(events[i]!));
    const bareInsert = await timed(events.length, async () => {
      const c = await bareClient.connect();
      try {
        await c.query('BEGIN');
        await c.query('INSERT INTO bare_rows (body) VALUES ($1) RETURNING id', ['{}']);
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    });

    const ids = await inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('webhook_deliveries').select(['id', 'body']).orderBy('id').execute(),
    );
    const deps = { db, jobs, log: createLogger('silent'), now: () => new Date(), allowPrivateTargets: true };
    // One ticket: each delivery waits for the one before it, so this is the in-order chain at full speed.
    const deliver = await timed(ids.length, (i) => deliverWebhook(deps, ws.id, ids[i]!.id));
    const agent = new http.Agent({ keepAlive: false });
    const barePost = await timed(
      ids.length,
      (i) =>
        new Promise<void>((resolve, reject) => {
          const req = http.request(
            `http://127.0.0.1:${PORT}/hook`,
            { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
            (res) => {
              res.resume();
              res.on('end', () => resolve());
            },
          );
          req.on('error', reject);
          req.end(ids[i]!.body);
        }),
    );
    const enqueueOnly = await timed(ids.length, () =>
      inWorkspace(db, ws.id, (tx) =>
        jobs.enqueue(tx, 'webhook.deliver', { workspaceId: ws.id, deliveryId: -1 }),
      ),
    );
    const emptyTx = await timed(ids.length, () => inWorkspace(db, ws.id, () => Promise.resolve()));
    const done = await inWorkspace(db, ws.id, (tx) =>
      tx
        .selectFrom('webhook_deliveries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'succeeded')
        .executeTakeFirstOrThrow(),
    );
    process.stdout.write(
      [
        `webhooks bench: ${events.length} events × ${SUBSCRIPTIONS} subscription(s), PostgreSQL ${url.host}, Node ${process.version}`,
        line('fan-out: subscriber.handle() per event', fanOut),
        line('  baseline: bare INSERT transaction (pg)', bareInsert),
        `  ratio p50 ${(pct(fanOut, 50) / pct(bareInsert, 50)).toFixed(1)}×`,
        line('delivery: deliverWebhook() per delivery', deliver),
        line('  baseline: bare http POST, same body', barePost),
        line('  part: a tenant transaction queueing one job', enqueueOnly),
        line('  part: an empty tenant transaction', emptyTx),
        `  ratio p50 ${(pct(deliver, 50) / pct(barePost, 50)).toFixed(1)}×   succeeded ${Number(done.n)}/${ids.length}`,
        '',
      ].join('\n'),
    );
    await bareClient.end();
    await jobs.stop();
  } finally {
    await db.close();
    receiver.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
