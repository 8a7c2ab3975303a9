/**
 * What-if simulation benchmark: POST /admin/slas/{id}/simulate/'s use case (simulateSla inside
 * inWorkspace, as the API runs it, without HTTP) over 100,000 tickets with their status history on
 * PostgreSQL, next to a bare baseline measured in the same run: the very SQL statements the simulation
 * issued (the batches of tickets and their history), replayed through pg without computing anything.
 * The difference is the clock: timelines and computeDues for every ticket.
 *
 *   npx tsx bench/sla-simulate.ts [--tickets 100000] [--runs 3] [--keep]
 *
 * DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres names the server;
 * a fresh database is created for the run and dropped afterwards. Target: < 10 s for 100,000 tickets.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { CompiledQuery } from 'kysely';
import pg from 'pg';
import { postgresDatabase, postgresPool, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { inWorkspace } from '../src/db/tenant.js';
import { simulateSla } from '../src/modules/sla/simulate-sla.js';
import { createWorkspace } from '../src/modules/workspaces/create-workspace.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const TICKETS = arg('tickets', 100_000);
const RUNS = arg('runs', 3);
/** Keep the database afterwards (to EXPLAIN the statements); its name is printed. */
const KEEP = argv.includes('--keep');
const TARGET_SECONDS = 10;
const BASE_URL =
  process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DB = `bfg2_bench_sla_${randomBytes(4).toString('hex')}`;
const RANGE = { from: '2025-01-06T00:00:00Z', to: '2025-04-08T00:00:00Z' };
const NOW = new Date('2025-04-14T12:00:00Z');

const log = (s: string) => process.stderr.write(`${s}\n`);
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function openBench(url: string, captured: CompiledQuery[]): { db: Database; pool: pg.Pool } {
  const pool = postgresPool(url, 2);
  const db = postgresDatabase(pool, {
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });
  return { pool, db };
}

async function generate(pool: pg.Pool, db: Database): Promise<{ workspaceId: number; slaId: number }> {
  const ws = await createWorkspace(db, {
    slug: 'bench',
    name: 'Bench',
    ticketPrefix: 'B',
    timezone: 'Europe/Berlin',
  });
  const one = async <T>(text: string, params: unknown[]) => (await pool.query(text, params)).rows[0] as T;
  await pool.query(
    `INSERT INTO customers (workspace_id, email, name)
     SELECT $1, 'customer' || g || '@bench.test', 'Customer ' || g FROM generate_series(1, 2000) g`,
    [ws.id],
  );
  const sla = await one<{ id: number }>(
    `INSERT INTO slas (workspace_id, name, first_response_hours, resolution_hours, timezone)
     VALUES ($1, 'Gold', 4, 16, 'Europe/Berlin') RETURNING id`,
    [ws.id],
  );
  await pool.query(
    `INSERT INTO sla_holidays (workspace_id, sla_id, date, name, recurring) VALUES
       ($1, $2, '2000-01-01', 'New Year', true), ($1, $2, '2025-04-18', 'Good Friday', false),
       ($1, $2, '2025-04-21', 'Easter Monday', false), ($1, $2, '2000-05-01', 'Labour Day', true)`,
    [ws.id, sla.id],
  );
  const started = performance.now();
  // Created over 13 weeks, ids in creation order (as the app inserts them); 85 % answered within 20 h;
  // 60 % resolved 40–120 h after creation; 10 % pending.
  await pool.query(
    `WITH c AS (SELECT array_agg(id ORDER BY id) a FROM customers WHERE workspace_id = $1),
          p AS (SELECT array_agg(id ORDER BY "order") a FROM ticket_priorities WHERE workspace_id = $1),
          g AS (SELECT n, random() r1, random() r2, random() r3, random() r4,
                  timestamptz '2025-01-06 00:00+00' + interval '91 days' * (n::float8 / $2)
                    + interval '1 minute' * floor(random() * 30) AS created
                FROM generate_series(1, $2::int) n)
     INSERT INTO support_tickets (workspace_id, customer_id, ticket_number, subject, description, priority_id,
       status, channel, created_at, updated_at, first_response_at, resolved_at, response_due_at,
       resolution_due_at, response_breached, resolution_breached, sla_id)
     SELECT $1, c.a[1 + n % array_length(c.a, 1)], 'B-' || n, 'Bench ticket', 'Bench', p.a[1 + floor(r1 * 4)::int],
       CASE WHEN r2 < 0.6 THEN 'resolved' WHEN r2 < 0.7 THEN 'pending' ELSE 'open' END,
       (ARRAY['web','email','email','phone','chat','api'])[1 + floor(r4 * 6)::int],
       created, created,
       CASE WHEN r3 < 0.85 OR r2 < 0.6 THEN created + interval '1 minute' * floor(r4 * 1200) END,
       CASE WHEN r2 < 0.6 THEN created + interval '40 hours' + interval '1 minute' * floor(r3 * 4800) END,
       created + interval '4 hours', created + interval '16 hours', r1 < 0.1, r2 < 0.08, $3
     FROM g, c, p`,
    [ws.id, TICKETS, sla.id],
  );
  await pool.query(`UPDATE workspaces SET next_ticket_number = $2 WHERE id = $1`, [ws.id, TICKETS + 1]);
  // History: the first reply opens the ticket; a third go pending for a while and come back; then the
  // current status (pending or resolved) is reached.
  await pool.query(
    `INSERT INTO ticket_history (workspace_id, ticket_id, field, old_value, new_value, created_at)
     SELECT workspace_id, id, 'status', 'new', 'open', first_response_at FROM support_tickets
       WHERE workspace_id = $1 AND first_response_at IS NOT NULL
     UNION ALL
     SELECT workspace_id, id, 'status', 'open', 'pending', first_response_at + interval '30 minutes'
       FROM support_tickets WHERE workspace_id = $1 AND first_response_at IS NOT NULL AND id % 10 < 3
     UNION ALL
     SELECT workspace_id, id, 'status', 'pending', 'open',
         first_response_at + interval '30 minutes' + interval '1 hour' * (1 + id % 19)
       FROM support_tickets
       WHERE workspace_id = $1 AND first_response_at IS NOT NULL AND id % 10 < 3 AND status <> 'pending'
     UNION ALL
     SELECT workspace_id, id, 'status', 'open', 'pending', first_response_at + interval '25 hours'
       FROM support_tickets
       WHERE workspace_id = $1 AND status = 'pending' AND first_response_at IS NOT NULL AND id % 10 >= 3
     UNION ALL
     SELECT workspace_id, id, 'status', 'open', 'resolved', resolved_at FROM support_tickets
       WHERE workspace_id = $1 AND resolved_at IS NOT NULL`,
    [ws.id],
  );
  await pool.query('VACUUM ANALYZE');
  const counts = await one<{ tickets: number; history: number }>(
    `SELECT (SELECT count(*) FROM support_tickets)::int tickets, (SELECT count(*) FROM ticket_history)::int history`,
    [],
  );
  log(
    `generated ${counts.tickets} tickets, ${counts.history} status changes in ` +
      `${seconds(performance.now() - started)} s`,
  );
  return { workspaceId: ws.id, slaId: sla.id };
}

async function main() {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${BENCH_DB}`;
  const captured: CompiledQuery[] = [];
  const { db, pool } = openBench(url.toString(), captured);
  try {
    await migrate(db.raw);
    const { workspaceId, slaId } = await generate(pool, db);
    const simulate = () =>
      inWorkspace(db, workspaceId, (tx) => simulateSla(tx, workspaceId, slaId, RANGE, NOW));

    captured.length = 0;
    const first = await simulate(); // warm-up, and the statements the baseline replays
    const statements = [...captured];
    const code: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await simulate();
      code.push(performance.now() - s);
    }

    const client = await pool.connect();
    const bare: number[] = [];
    let rowsRead = 0;
    try {
      for (let i = 0; i <= RUNS; i++) {
        const s = performance.now();
        await client.query('BEGIN');
        rowsRead = 0;
        for (const st of statements)
          rowsRead += (await client.query(st.sql, [...st.parameters])).rowCount ?? 0;
        await client.query('COMMIT');
        if (i > 0) bare.push(performance.now() - s); // run 0 warms up
      }
    } finally {
      client.release();
    }

    const simulated = median(code);
    const baseline = median(bare);
    console.log(
      `${first.tickets} tickets simulated (${rowsRead} rows read in ${statements.length} statements), ` +
        `${RUNS} runs each, PostgreSQL`,
    );
    console.log(`simulate (median)        ${seconds(simulated)} s   runs: ${code.map(seconds).join(', ')}`);
    console.log(`bare reads (median)      ${seconds(baseline)} s   runs: ${bare.map(seconds).join(', ')}`);
    console.log(`ratio simulate / bare    ${(simulated / baseline).toFixed(2)}`);
    console.log(
      `target < ${TARGET_SECONDS} s            ${simulated / 1000 < TARGET_SECONDS ? 'PASS' : 'FAIL'}`,
    );
    console.log(
      `compliance response ${first.simulated.response.compliance_percent} % simulated vs ` +
        `${first.actual.response.compliance_percent} % actual; resolution ` +
        `${first.simulated.resolution.compliance_percent} % vs ${first.actual.resolution.compliance_percent} %`,
    );
  } finally {
    await db.close();
    if (KEEP) log(`kept database ${BENCH_DB}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
