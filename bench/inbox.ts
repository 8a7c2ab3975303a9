/**
 * Inbox benchmark: the admin ticket list and search at scale on PostgreSQL, through our real code path
 * (resolveAdminFilters + listTickets inside inWorkspace, as the API runs them, without HTTP) and as the
 * same SQL statements replayed bare through pg in the same process; the ratio is our overhead.
 *
 *   npx tsx bench/inbox.ts [--tickets 1000000] [--messages 5000000] [--workspaces 20] [--runs 200] [--quick]
 *                          [--db bfg2_bench] [--reuse]
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server; the database
 * (--db, default bfg2_bench) is dropped and recreated, unless --reuse finds it already holding the data of
 * an earlier run (then only new migrations are applied, and the figures come from the same rows). Tickets and messages are generated here (seeded, so every run has the
 * same data) and streamed in with COPY.
 * Targets (p95): lists < 10 ms, search < 30 ms.
 */
import { performance } from 'node:perf_hooks';
import type { CompiledQuery } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { postgresDatabase, postgresPool, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { asSystem, inWorkspace } from '../src/db/tenant.js';
import { resolveAdminFilters, type AdminListQuery } from '../src/modules/tickets/admin-filters.js';
import { listTickets } from '../src/modules/tickets/list-tickets.js';
import { findWorkspaceById } from '../src/platform/auth/repository.js';
import { createWorkspace } from '../src/modules/workspaces/create-workspace.js';
import { encodeCursor } from '../src/platform/pagination.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(
    `npx tsx bench/inbox.ts [--tickets N] [--messages N] [--workspaces N] [--runs N] [--quick] [--db NAME] [--reuse]
  --quick       100,000 tickets and 500,000 messages (default 1,000,000 and 5,000,000)
  --runs N      timed runs per case (default 200), after 20 warm-up runs
  --db NAME     the database to (re)create (default bfg2_bench); BENCH_DATABASE_URL names the server
  --reuse       keep NAME's data when an earlier run left as many tickets there
`,
  );
  process.exit(0);
}
const QUICK = argv.includes('--quick');
const TICKETS = arg('tickets', QUICK ? 100_000 : 1_000_000);
const MESSAGES = arg('messages', QUICK ? 500_000 : 5_000_000);
const WORKSPACES = arg('workspaces', 20);
const RUNS = arg('runs', 200);
const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbArg = argv.indexOf('--db');
const BENCH_DB = dbArg >= 0 ? String(argv[dbArg + 1]) : 'bfg2_bench';
if (!/^[a-z_][a-z0-9_]*$/.test(BENCH_DB)) throw new Error(`--db: not a plain database name: ${BENCH_DB}`);
const REUSE = argv.includes('--reuse');

const log = (s: string) => process.stderr.write(`${s}\n`);
function progress(label: string, done: number, total: number, started: number) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const secs = (performance.now() - started) / 1000;
  process.stderr.write(
    `\r${label.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${secs.toFixed(0)}s`,
  );
  if (done >= total) process.stderr.write('\n');
}

/** Statements our code sends are kept while `on`, for the bare replay. */
interface Capture {
  on: boolean;
  queries: CompiledQuery[];
}

/** The product's own pool and Database (postgres-dialect.ts), with the statements it sends captured. */
function openBench(url: string, capture: Capture): { db: Database; pool: pg.Pool } {
  const pool = postgresPool(url, 4);
  const db = postgresDatabase(pool, {
    log: (event) => {
      if (capture.on && event.level === 'query') capture.queries.push(event.query);
    },
  });
  return { pool, db };
}

// A vocabulary with a long tail: products and problems of a web shop, picked with a skew so that a few
// words are in a large share of tickets and the rare ones in a handful.
const PRODUCTS =
  `umbrella kettle toaster lamp blender headphones backpack jacket sneakers monitor keyboard mouse
  printer router speaker camera tripod drone charger cable adapter battery laptop tablet phone watch bracelet
  necklace ring sofa chair table mattress pillow blanket curtain carpet vase mirror clock heater fan
  humidifier vacuum mop bucket ladder drill hammer saw wrench screwdriver toolbox tent sleepingbag stove
  lantern compass kayak paddle helmet bicycle scooter skateboard surfboard snowboard skis goggles gloves scarf
  beanie sunglasses wallet suitcase duffel thermos bottle mug teapot grinder espresso juicer mixer waffle
  fryer steamer wok skillet saucepan knife cuttingboard spatula ladle whisk colander strainer zeppelin
  telescope microscope harmonica ukulele violin trumpet accordion xylophone metronome easel canvas`.split(
    /\s+/,
  );
const PROBLEMS = `order delivery late missing broken damaged wrong refund return invoice payment charged twice
  tracking parcel address cancel exchange warranty defect scratch leak noise battery size colour
  discount coupon account password login shipping customs voucher replacement`.split(/\s+/);
const PHRASES = [
  'arrived damaged in the box',
  'the tracking page has not changed for days',
  'I was charged twice for the same order',
  'please send a replacement as soon as possible',
  'the colour is different from the photos',
  'can I return this and get a refund',
  'the courier left the parcel at the wrong address',
  'it stopped working after one week',
];

/** A small seeded generator, so two runs generate the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(xs: readonly T[], r: number): T =>
  xs[Math.min(xs.length - 1, Math.floor(r * xs.length))] as T;

/** One value in COPY's text format. */
function copyValue(v: string | number | boolean | null): string {
  if (v === null) return '\\N';
  if (typeof v !== 'string') return String(v);
  return v.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Streams rows into `COPY table (columns) FROM STDIN`, 2,000 rows per chunk, reporting progress. */
async function copyRows(
  pool: pg.Pool,
  table: string,
  columns: readonly string[],
  rows: Iterable<(string | number | boolean | null)[]>,
  onProgress: (rows: number) => void,
) {
  const client = await pool.connect();
  try {
    const target = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    let count = 0;
    async function* chunks() {
      let chunk: string[] = [];
      for (const row of rows) {
        chunk.push(row.map(copyValue).join('\t'));
        if (chunk.length === 2_000) {
          count += chunk.length;
          onProgress(count);
          yield `${chunk.join('\n')}\n`;
          chunk = [];
        }
      }
      if (chunk.length) {
        count += chunk.length;
        onProgress(count);
        yield `${chunk.join('\n')}\n`;
      }
    }
    await pipeline(Readable.from(chunks()), target);
  } finally {
    client.release();
  }
}

const STATUSES = [
  'new',
  'open',
  'open',
  'pending',
  'on_hold',
  'resolved',
  'closed',
  'closed',
  'closed',
  'cancelled',
];
const CHANNELS = ['web', 'email', 'email', 'email', 'phone', 'chat', 'social', 'api'];
const HOUR = 3_600_000;
const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

interface BenchWorkspace {
  id: number;
  prefix: string;
  customers: number[];
  priorities: number[];
  categories: number[];
  agents: number[];
}

async function generate(pool: pg.Pool, db: Database) {
  let started = performance.now();
  const ws: BenchWorkspace[] = [];
  const perWs = Math.ceil(TICKETS / WORKSPACES);
  const ids = async (text: string, id: number) =>
    (await pool.query<{ id: number }>(text, [id])).rows.map((r) => Number(r.id));
  for (let i = 0; i < WORKSPACES; i++) {
    const w = await createWorkspace(db, {
      slug: `bench-${i}`,
      name: `Bench ${i}`,
      ticketPrefix: `B${String.fromCharCode(65 + (i % 26))}${i}`,
      defaultLanguage: i % 5 === 4 ? 'de' : 'en',
    });
    await pool.query(
      `INSERT INTO users (email, name) SELECT 'agent' || g || '-' || $1::bigint || '@bench.test', 'Agent ' || g
         FROM generate_series(1, 10) g;
       INSERT INTO workspace_memberships (workspace_id, user_id, role)
         SELECT $1, id, CASE WHEN name = 'Agent 1' THEN 'admin' ELSE 'agent' END FROM users
         WHERE email LIKE '%-' || $1::bigint || '@bench.test';`.replace(/\$1/g, String(w.id)),
    );
    await pool.query(
      `INSERT INTO ticket_categories (workspace_id, name, slug)
         SELECT $1, 'Category ' || g, 'cat-' || g FROM generate_series(1, 12) g`,
      [w.id],
    );
    await pool.query(
      `INSERT INTO ticket_tags (workspace_id, name, slug) SELECT $1, 'Tag ' || g, 'tag-' || g FROM generate_series(1, 30) g`,
      [w.id],
    );
    await pool.query(
      `INSERT INTO customers (workspace_id, email, name)
         SELECT $1::bigint, CASE WHEN g % 50 = 0 THEN 'anna' ELSE 'customer' END || g || '@shop' || $1::bigint || '.test', 'Customer ' || g
         FROM generate_series(1, $2::int) g`,
      [w.id, Math.max(10, Math.ceil(perWs / 8))],
    );
    ws.push({
      id: w.id,
      prefix: w.ticket_prefix,
      customers: await ids('SELECT id FROM customers WHERE workspace_id = $1 ORDER BY id', w.id),
      priorities: await ids(
        'SELECT id FROM ticket_priorities WHERE workspace_id = $1 ORDER BY "order"',
        w.id,
      ),
      categories: await ids('SELECT id FROM ticket_categories WHERE workspace_id = $1 ORDER BY id', w.id),
      agents: await ids(
        'SELECT user_id AS id FROM workspace_memberships WHERE workspace_id = $1 ORDER BY user_id',
        w.id,
      ),
    });
  }
  log(`workspaces, staff, customers: ${((performance.now() - started) / 1000).toFixed(1)}s`);

  // Tickets: ids given here (and the identity moved past them after), so that the messages below know
  // their tickets without reading them back. Skewed picks give common and rare words, busy customers.
  const random = prng(42);
  const now = Date.now();
  const total = perWs * ws.length;
  const created: { ws: number; at: number }[] = [];
  function* tickets() {
    let id = 0;
    for (const w of ws) {
      for (let n = 1; n <= perWs; n++) {
        id++;
        const [r1, r2, r3, r4, r5] = [random(), random(), random(), random(), random()];
        const at = now - 730 * 24 * HOUR * Math.pow(random(), 0.7);
        created.push({ ws: w.id, at });
        const product = pick(PRODUCTS, Math.pow(r2, 2));
        const due = r3 < 0.7;
        yield [
          id,
          w.id,
          pick(w.customers, Math.pow(r1, 1.5)),
          `${w.prefix}-${n}`,
          `${capitalise(product)} ${pick(PROBLEMS, Math.pow(r3, 1.5))}`,
          `Hello, my ${product} ${pick(PHRASES, r4)}. ${pick(PROBLEMS, r5)} ${pick(PRODUCTS, random())} ` +
            `reference ${(id * 2654435761).toString(16)}`,
          r4 < 0.9 ? pick(w.categories, r5) : null,
          pick(w.priorities, r3),
          pick(STATUSES, r1),
          r5 < 0.8 ? pick(w.agents, r2) : null,
          pick(CHANNELS, r4),
          due ? new Date(at + HOUR * (1 + Math.floor(r2 * 48))).toISOString() : null,
          due ? new Date(at + HOUR * (24 + Math.floor(r2 * 120))).toISOString() : null,
          r5 < 0.04,
          r5 > 0.97,
          r1 > 0.2 ? new Date(at + 60_000 * Math.floor(r4 * 600)).toISOString() : null,
          new Date(at).toISOString(),
          new Date(at + 60_000 * Math.floor(r5 * 5000)).toISOString(),
        ];
      }
    }
  }
  started = performance.now();
  await copyRows(
    pool,
    'support_tickets',
    [
      'id',
      'workspace_id',
      'customer_id',
      'ticket_number',
      'subject',
      'description',
      'category_id',
      'priority_id',
      'status',
      'assigned_to_id',
      'channel',
      'response_due_at',
      'resolution_due_at',
      'response_breached',
      'resolution_breached',
      'first_response_at',
      'created_at',
      'updated_at',
    ],
    tickets(),
    (n) => progress('tickets', n, total, started),
  );
  await pool.query("SELECT setval(pg_get_serial_sequence('support_tickets', 'id'), $1)", [total]);
  for (const w of ws) {
    await pool.query('UPDATE workspaces SET next_ticket_number = $2 WHERE id = $1', [w.id, perWs + 1]);
  }

  started = performance.now();
  await pool.query(`INSERT INTO support_ticket_tags (workspace_id, ticket_id, tag_id)
    SELECT t.workspace_id, t.id, tg.id FROM support_tickets t
    JOIN ticket_tags tg ON tg.workspace_id = t.workspace_id AND tg.slug = 'tag-' || (1 + (t.id * 7919) % 30)
    WHERE t.id % 2 = 0`);
  log(`tags: ${((performance.now() - started) / 1000).toFixed(1)}s`);

  // Messages: MESSAGES / TICKETS per ticket on average, an hour apart; one in eight an internal note.
  const perTicket = MESSAGES / TICKETS;
  function* messages() {
    for (let i = 0; i < created.length; i++) {
      const t = created[i] as { ws: number; at: number };
      const id = i + 1;
      const count = 1 + Math.floor(random() * (perTicket * 2 - 1));
      for (let k = 1; k <= count; k++) {
        const note = k % 8 === 0;
        yield [
          t.ws,
          id,
          note
            ? `Internal: suspect ${pick(PROBLEMS, random())} fraudulent flamingo check ${id % 1000}`
            : `${pick(PHRASES, random())}, ${pick(PRODUCTS, random())} ${pick(PROBLEMS, random())}`,
          note ? 'note' : k % 2 === 0 ? 'agent' : 'customer',
          note,
          k % 2 === 0,
          new Date(t.at + HOUR * k).toISOString(),
        ];
      }
    }
  }
  started = performance.now();
  await copyRows(
    pool,
    'support_ticket_messages',
    ['workspace_id', 'ticket_id', 'message', 'message_type', 'is_internal', 'is_staff_reply', 'created_at'],
    messages(),
    (n) => progress('messages', Math.min(n, MESSAGES), MESSAGES, started),
  );
  progress('messages', MESSAGES, MESSAGES, started);
  started = performance.now();
  await pool.query('VACUUM ANALYZE');
  log(`vacuum analyze: ${((performance.now() - started) / 1000).toFixed(1)}s`);
  return ws;
}

interface Case {
  name: string;
  kind: 'list' | 'search';
  query: AdminListQuery & { sort?: string; cursor?: string; q?: string };
  /** For the minimal baseline: the filter as SQL on `t` ($1 is the workspace), ids already resolved. */
  min?: { where: string; params?: unknown[] };
}

/**
 * The least SQL that returns the same page (the ticket columns, the names they point to, the tags):
 * one statement, written by hand, the page picked first; no transaction, no row-level security (it runs
 * as the bench's superuser), no lookups of codes or slugs. The floor our code path is measured against.
 */
function minimalStatement(c: Case, limit: number): { text: string; values: unknown[] } | null {
  if (!c.min) return null;
  const { sort, descending } = sortOf(c.query.sort);
  const key = sort.endsWith('_due_at') ? `coalesce(t.${sort}, 'infinity'::timestamptz)` : `t.${sort}`;
  const dir = descending ? 'DESC' : 'ASC';
  const params = c.min.params ?? [];
  return {
    text: `SELECT t.*, c.name AS customer_name, c.email AS customer_email, p.code AS priority_code,
        p.name AS priority_name, p.color AS priority_color, cat.name AS category_name, cat.slug AS category_slug,
        a.name AS assignee_name, a.email AS assignee_email, team.name AS team_name, s.name AS sla_name,
        (SELECT coalesce(json_agg(json_build_object('id', g.id, 'name', g.name, 'slug', g.slug, 'color', g.color)
           ORDER BY g.name), '[]') FROM support_ticket_tags st JOIN ticket_tags g ON g.id = st.tag_id
         WHERE st.ticket_id = t.id) AS tags,
        (${key})::text AS sort_key
      FROM (SELECT t.id, t.workspace_id, t.customer_id, t.ticket_number, t.subject, t.description, t.category_id,
          t.priority_id, t.status, t.assigned_to_id, t.team_id, t.channel, t.source_email, t.source_phone,
          t.order_ref, t.consignment_ref, t.sla_id, t.first_response_at, t.resolved_at, t.closed_at,
          t.response_due_at, t.resolution_due_at, t.response_warning_at, t.resolution_warning_at, t.sla_paused_at,
          t.response_breached, t.resolution_breached, t.satisfaction_rating, t.satisfaction_comment,
          t.created_at, t.updated_at
        FROM support_tickets t WHERE t.workspace_id = $1 AND ${c.min.where}
        ORDER BY ${key} ${dir}, t.id ${dir} LIMIT ${limit + 1}) t
      JOIN customers c ON c.id = t.customer_id
      JOIN ticket_priorities p ON p.id = t.priority_id
      LEFT JOIN ticket_categories cat ON cat.id = t.category_id
      LEFT JOIN users a ON a.id = t.assigned_to_id
      LEFT JOIN support_teams team ON team.id = t.team_id
      LEFT JOIN slas s ON s.id = t.sla_id
      ORDER BY ${key} ${dir}, t.id ${dir}`,
    values: params,
  };
}

function sortOf(raw: string | undefined) {
  const value = raw ?? 'created_at';
  const sort = value.replace(/^-/, '') as
    'created_at' | 'updated_at' | 'response_due_at' | 'resolution_due_at' | 'relevance';
  const due = sort.endsWith('_due_at');
  return { sort, descending: value.startsWith('-') ? due : !due };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** The first bench workspace of an earlier run in BENCH_DB, when it holds as many tickets as asked. */
async function reusable(url: string): Promise<{ id: number; prefix: string } | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const r = await client.query<{ id: string; prefix: string; tickets: string }>(
      `SELECT w.id, w.ticket_prefix AS prefix, (SELECT count(*) FROM support_tickets) AS tickets
       FROM workspaces w WHERE w.slug = 'bench-0'`,
    );
    const row = r.rows[0];
    const expected = Math.ceil(TICKETS / WORKSPACES) * WORKSPACES;
    return row && Number(row.tickets) === expected ? { id: Number(row.id), prefix: row.prefix } : null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main() {
  const url = new URL(BASE_URL);
  url.pathname = `/${BENCH_DB}`;
  const kept = REUSE ? await reusable(url.toString()) : null;
  if (!kept) {
    const admin = new pg.Client({ connectionString: BASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
    await admin.end();
  }

  const capture: Capture = { on: false, queries: [] };
  const { db, pool } = openBench(url.toString(), capture);
  await migrate(db.raw);
  let ws: { id: number; prefix: string }[];
  if (kept) {
    log(`reusing the data in ${BENCH_DB}`);
    await pool.query('ANALYZE');
    ws = [kept];
  } else {
    log(`generating ${TICKETS} tickets, ~${MESSAGES} messages in ${WORKSPACES} workspaces`);
    const t0 = performance.now();
    ws = await generate(pool, db);
    log(`data ready in ${((performance.now() - t0) / 1000).toFixed(0)}s`);
  }

  const w = ws[0];
  if (!w) throw new Error('no workspace');
  const one = async <T>(text: string, params: unknown[]) => (await pool.query(text, params)).rows[0] as T;
  const me = await one<{ user_id: number }>(
    "SELECT user_id FROM workspace_memberships WHERE workspace_id = $1 AND role = 'admin'",
    [w.id],
  );
  const busy = await one<{ customer_id: number }>(
    'SELECT customer_id FROM support_tickets WHERE workspace_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
    [w.id],
  );
  const deep = await one<{ v: string; id: number }>(
    `SELECT created_at::text v, id FROM support_tickets WHERE workspace_id = $1
     ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1`,
    [w.id, Math.floor(TICKETS / WORKSPACES / 2)],
  );
  const cat3 = await one<{ id: number }>(
    "SELECT id FROM ticket_categories WHERE workspace_id = $1 AND slug = 'cat-3'",
    [w.id],
  );
  const tag7 = await one<{ id: number }>(
    "SELECT id FROM ticket_tags WHERE workspace_id = $1 AND slug = 'tag-7'",
    [w.id],
  );
  const cases: Case[] = [
    {
      name: 'status=open',
      kind: 'list',
      query: { status: 'open' },
      min: { where: "t.status = 'open'" },
    },
    {
      name: 'assigned_to=X',
      kind: 'list',
      query: { assigned_to: String(me.user_id) },
      min: { where: 't.assigned_to_id = $2', params: [me.user_id] },
    },
    {
      name: 'category+status',
      kind: 'list',
      query: { category: 'cat-3', status: 'open,pending' },
      min: { where: "t.category_id = $2 AND t.status IN ('open', 'pending')", params: [cat3.id] },
    },
    {
      name: 'tag',
      kind: 'list',
      query: { tag: 'tag-7' },
      min: {
        where:
          'EXISTS (SELECT 1 FROM support_ticket_tags st WHERE st.workspace_id = $1 AND st.ticket_id = t.id AND st.tag_id = $2)',
        params: [tag7.id],
      },
    },
    {
      name: 'channel=phone',
      kind: 'list',
      query: { channel: 'phone' },
      min: { where: "t.channel = 'phone'" },
    },
    {
      name: 'breached=true',
      kind: 'list',
      query: { breached: true },
      min: { where: '(t.response_breached OR t.resolution_breached)' },
    },
    {
      name: 'customer',
      kind: 'list',
      query: { customer: String(busy.customer_id) },
      min: { where: 't.customer_id = $2', params: [busy.customer_id] },
    },
    { name: 'sort=-created_at p1', kind: 'list', query: { sort: '-created_at' }, min: { where: 'true' } },
    {
      name: 'created_at deep cursor',
      kind: 'list',
      query: { cursor: encodeCursor(deep) },
      min: { where: '(t.created_at, t.id) < ($2::timestamptz, $3)', params: [deep.v, deep.id] },
    },
    {
      name: 'sort=response_due_at',
      kind: 'list',
      query: { sort: 'response_due_at' },
      min: { where: 'true' },
    },
    {
      name: 'unassigned+status=new',
      kind: 'list',
      query: { assigned_to: 'none', status: 'new' },
      min: { where: "t.assigned_to_id IS NULL AND t.status = 'new'" },
    },
    { name: 'q selective (zeppelin)', kind: 'search', query: { q: 'zeppelin' } },
    { name: 'q unselective (order)', kind: 'search', query: { q: 'order' } },
    { name: 'q selective, by relevance', kind: 'search', query: { q: 'zeppelin', sort: 'relevance' } },
    { name: 'q unselective, by relevance', kind: 'search', query: { q: 'order', sort: 'relevance' } },
    { name: 'q two words, by relevance', kind: 'search', query: { q: 'charged twice', sort: 'relevance' } },
    { name: 'q phrase "charged twice"', kind: 'search', query: { q: '"charged twice"' } },
    { name: 'q ticket number prefix', kind: 'search', query: { q: `${w.prefix}-123` } },
    { name: 'q email prefix (anna1)', kind: 'search', query: { q: 'anna1@' } },
  ];

  const actor = { kind: 'staff', userId: me.user_id, role: 'admin', via: 'token' } as const;
  // As a request has it: loaded with the caller's authentication, before the list's transaction.
  const wsRef = await asSystem(db, (tx) => findWorkspaceById(tx, w.id));
  if (!wsRef) throw new Error('no workspace');
  const viaCode = (c: Case) =>
    inWorkspace(db, w.id, async (tx) =>
      listTickets(tx, wsRef, actor, {
        filters: await resolveAdminFilters(tx, w.id, me.user_id, c.query),
        ...sortOf(c.query.sort),
        limit: 25,
        ...(c.query.cursor ? { cursor: c.query.cursor } : {}),
      }),
    );
  const bareClient = await pool.connect();
  const rowsOut: string[][] = [];
  for (const c of cases) {
    capture.queries = [];
    capture.on = true;
    await viaCode(c);
    capture.on = false;
    const statements = capture.queries;
    // The same messages as postgres-dialect.ts sends: BEGIN travels with a first statement without parameters.
    const [first, ...rest] = statements;
    const replay = async () => {
      if (first && first.parameters.length === 0) await bareClient.query(`BEGIN; ${first.sql}`);
      else {
        await bareClient.query('BEGIN');
        if (first) await bareClient.query(first.sql, [...first.parameters]);
      }
      for (const st of rest) await bareClient.query(st.sql, [...st.parameters]);
      await bareClient.query('COMMIT');
    };
    const statement = minimalStatement(c, 25);
    const values = [w.id, ...(statement?.values ?? [])];
    const minimalRun = statement ? () => bareClient.query(statement.text, values) : null;
    if (statement) {
      const ours = (await viaCode(c)).results.map((t) => t.id).join();
      const theirs = (await bareClient.query<{ id: number }>(statement.text, values)).rows
        .slice(0, 25)
        .map((r) => Number(r.id))
        .join();
      if (ours !== theirs) throw new Error(`${c.name}: the minimal statement returns another page`);
    }
    // Interleaved, so that the three see the same machine: on a shared one, load comes and goes.
    const code: number[] = [];
    const bare: number[] = [];
    const minimal: number[] = [];
    const time = async (run: () => Promise<unknown>, into: number[] | null) => {
      const s = performance.now();
      await run();
      into?.push(performance.now() - s);
    };
    for (let i = 0; i < 20 + RUNS; i++) {
      const warm = i < 20;
      await time(() => viaCode(c), warm ? null : code);
      await time(replay, warm ? null : bare);
      if (minimalRun) await time(minimalRun, warm ? null : minimal);
    }
    const target = c.kind === 'list' ? 10 : 30;
    const p95 = pct(code, 95);
    rowsOut.push([
      c.name,
      pct(code, 50).toFixed(2),
      p95.toFixed(2),
      pct(bare, 50).toFixed(2),
      pct(bare, 95).toFixed(2),
      (pct(code, 50) / pct(bare, 50)).toFixed(2),
      minimal.length ? pct(minimal, 50).toFixed(2) : '-',
      minimal.length ? pct(minimal, 95).toFixed(2) : '-',
      `< ${target}`,
      p95 < target ? 'PASS' : 'FAIL',
    ]);
    log(`measured ${c.name}`);
  }
  bareClient.release();
  const head = [
    'case',
    'p50 ms',
    'p95 ms',
    'bare p50',
    'bare p95',
    'ratio',
    'min p50',
    'min p95',
    'target',
    '',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rowsOut.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ');
  console.log(`${TICKETS} tickets, ${MESSAGES} messages, ${WORKSPACES} workspaces; ${RUNS} runs each`);
  console.log(line(head));
  for (const r of rowsOut) console.log(line(r));
  console.log(
    'bare: the statements our code sent, replayed through pg in one transaction (ratio = our overhead);\n' +
      'min: one hand-written statement returning the same page, no row-level security (the floor).',
  );
  await db.close();
}

await main();
