/**
 * The bench's database: created on the server DATABASE_URL names, migrated, seeded with the demo
 * workspace, optionally grown to N tickets with COPY (like bench/inbox.ts), and dropped at the end.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { postgresDatabase, postgresPool, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { seedDemo } from '../../src/modules/demo/seed-demo.js';

/** The URL of database `name` on the server `serverUrl` names. */
export function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Creates `name` afresh, migrates it and seeds the demo workspace; returns its URL. */
export async function createDemoDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  await dropDatabase(serverUrl, name);
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(serverUrl, name);
  const db = postgresDatabase(postgresPool(url, 2));
  try {
    await migrate(db.raw);
    await seedDemo(db);
  } finally {
    await db.close();
  }
  return url;
}

/** A seeded generator, so every run has the same rows. */
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

const copyValue = (v: string | number | boolean | null): string =>
  v === null ? '\\N' : String(v).replace(/[\\\t\n\r]/g, (ch) => (ch === '\\' ? '\\\\' : ' '));

async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<(string | number | boolean | null)[]>,
): Promise<void> {
  async function* chunks() {
    let chunk: string[] = [];
    for (const row of rows) {
      chunk.push(row.map(copyValue).join('\t'));
      if (chunk.length === 5_000) {
        yield `${chunk.join('\n')}\n`;
        chunk = [];
      }
    }
    if (chunk.length) yield `${chunk.join('\n')}\n`;
  }
  await pipeline(
    Readable.from(chunks()),
    client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)),
  );
}

const WORDS =
  `umbrella kettle toaster lamp blender headphones backpack jacket sneakers monitor keyboard printer
  router speaker camera charger cable battery laptop tablet phone watch sofa chair mattress heater vacuum drill
  order delivery late missing broken damaged wrong refund return invoice payment tracking parcel address
  exchange warranty defect shipping customs voucher replacement`.split(/\s+/);
const STATUSES = ['new', 'open', 'open', 'pending', 'on_hold', 'resolved', 'closed', 'closed', 'closed'];
const CHANNELS = ['web', 'email', 'email', 'email', 'phone', 'chat', 'api'];

/**
 * Grows the demo workspace to `total` tickets (two messages each on average) with COPY: the same
 * inbox the demo's staff and customers use, at scale. Takes ~10 s per 100,000 tickets.
 */
export async function growDemo(url: string, total: number): Promise<void> {
  const pool = postgresPool(url, 2);
  const db: Database = postgresDatabase(pool);
  const client = await pool.connect();
  try {
    const ws = (
      await client.query<{ id: number; prefix: string; next: number }>(
        `SELECT id, ticket_prefix AS prefix, next_ticket_number AS next FROM workspaces WHERE slug = 'demo'`,
      )
    ).rows[0];
    if (!ws) throw new Error('no demo workspace');
    const ids = async (text: string) =>
      (await client.query<{ id: number }>(text, [ws.id])).rows.map((r) => Number(r.id));
    const customers = await ids('SELECT id FROM customers WHERE workspace_id = $1 ORDER BY id');
    const priorities = await ids('SELECT id FROM ticket_priorities WHERE workspace_id = $1 ORDER BY id');
    const categories = await ids('SELECT id FROM ticket_categories WHERE workspace_id = $1 ORDER BY id');
    const agents = await ids('SELECT user_id AS id FROM workspace_memberships WHERE workspace_id = $1');
    const existing = Number(
      (await client.query<{ n: string }>('SELECT count(*) AS n FROM support_tickets')).rows[0]?.n,
    );
    const maxId = Number(
      (await client.query<{ m: string }>('SELECT coalesce(max(id), 0) AS m FROM support_tickets')).rows[0]?.m,
    );
    const add = total - existing;
    if (add <= 0) return;
    const random = prng(19);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const now = Date.now();
    const created: number[] = [];
    function* tickets() {
      for (let n = 0; n < add; n++) {
        const id = maxId + 1 + n;
        const at = now - 400 * 86_400_000 * Math.pow(random(), 0.7);
        created.push(at);
        const status = pick(STATUSES);
        yield [
          id,
          ws!.id,
          pick(customers),
          `${ws!.prefix}-${ws!.next + n}`,
          `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`,
          `Hello, my ${pick(WORDS)} is ${pick(WORDS)}; ${pick(WORDS)} ${pick(WORDS)} ref ${id.toString(16)}`,
          random() < 0.9 ? pick(categories) : null,
          pick(priorities),
          status,
          random() < 0.8 ? pick(agents) : null,
          pick(CHANNELS),
          new Date(at + 3_600_000 * (1 + Math.floor(random() * 48))).toISOString(),
          new Date(at).toISOString(),
          new Date(at + 60_000 * Math.floor(random() * 5000)).toISOString(),
        ];
      }
    }
    await copyRows(
      client,
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
        'resolution_due_at',
        'created_at',
        'updated_at',
      ],
      tickets(),
    );
    await client.query("SELECT setval(pg_get_serial_sequence('support_tickets', 'id'), $1)", [maxId + add]);
    await client.query('UPDATE workspaces SET next_ticket_number = $2 WHERE id = $1', [ws.id, ws.next + add]);
    function* messages() {
      for (let i = 0; i < created.length; i++) {
        const at = created[i] as number;
        const count = 1 + Math.floor(random() * 3);
        for (let k = 1; k <= count; k++) {
          const note = k === 3;
          yield [
            ws!.id,
            maxId + 1 + i,
            `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`,
            note ? 'note' : k % 2 === 0 ? 'agent' : 'customer',
            note,
            k % 2 === 0,
            new Date(at + 3_600_000 * k).toISOString(),
          ];
        }
      }
    }
    await copyRows(
      client,
      'support_ticket_messages',
      ['workspace_id', 'ticket_id', 'message', 'message_type', 'is_internal', 'is_staff_reply', 'created_at'],
      messages(),
    );
    await client.query('VACUUM ANALYZE');
  } finally {
    client.release();
    await db.close();
  }
}

/**
 * A line of warning when the server does not vacuum by itself (`autovacuum = off`, as this machine's CI
 * PostgreSQL is configured): dead row versions then pile up under a write load and every query slows down
 * over time, a drift a production server (autovacuum on, the default and the embedded one's) never shows.
 */
export async function autovacuumWarning(serverUrl: string): Promise<string | null> {
  const on = await admin(
    serverUrl,
    async (c) => (await c.query<{ a: string }>("SELECT current_setting('autovacuum') AS a")).rows[0]?.a,
  );
  return on === 'on'
    ? null
    : 'warning: autovacuum is off on this PostgreSQL server: dead rows accumulate and latency drifts ' +
        'upwards over a long run (use --embedded, or a server with autovacuum on, to measure as users meet it)';
}

/** Dead row versions in the database's tables (pg_stat_user_tables), summed. */
export async function deadRows(url: string): Promise<number> {
  return admin(url, async (c) => {
    const r = await c.query<{ n: string }>(
      'SELECT coalesce(sum(n_dead_tup), 0)::bigint AS n FROM pg_stat_user_tables',
    );
    return Number(r.rows[0]?.n ?? 0);
  });
}
