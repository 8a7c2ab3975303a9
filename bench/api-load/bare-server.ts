/**
 * The bare baseline: Fastify 5 and a pg pool, nothing else, replaying for each request the statements
 * the product sent for the same request (capture.ts) and answering with the product's response body.
 * A request names its template with the X-Bench-Template header (the product ignores it).
 *
 *   node --import tsx bench/api-load/bare-server.ts <captured.json>   (PORT, DATABASE_URL, POOL_SIZE)
 *
 * Writes that create rows get fresh keys: an id or the next ticket number a statement returned in the
 * capture is replaced in later parameters by what it returned here, so a replayed ticket creation
 * inserts a new ticket rather than failing on a unique key. A ticket's reply token (16 base32
 * characters, made by the product for each new ticket) gets a fresh random one, the same within a request.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';
import type { Captured } from './capture.js';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: bare-server.ts <captured.json>');
const captured = JSON.parse(readFileSync(file, 'utf8')) as Captured[];
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 10),
});
pool.on('error', () => undefined);

/** A value as it travels as a parameter: numbers and text as they are, dates as ISO text. */
function scalar(v: unknown): string | number | null {
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  return null;
}

/** Values returned in the capture → values returned now, by column, for the parameters that follow. */
function link(
  links: Map<string, string | number>,
  before: Record<string, unknown> | null,
  now: unknown,
): void {
  const row = now as Record<string, unknown> | undefined;
  if (!before || !row) return;
  for (const [column, value] of Object.entries(before)) {
    // Only new rows' ids and the ticket counter: other columns change as the data does (a status, a
    // count), and linking a small number like 1 would rewrite every workspace id that follows.
    if (column !== 'id' && column !== 'next_ticket_number') continue;
    const was = scalar(value);
    const is = scalar(row[column]);
    if (was === null || is === null || String(was) === String(is)) continue;
    links.set(String(was), is);
    // Ticket numbers are made from the counter the UPDATE … RETURNING gave (ticket-number.ts).
    if (column === 'next_ticket_number') links.set(`#${Number(was) - 1}`, Number(is) - 1);
  }
}

/** A reply token as tickets/reply-token.ts makes them (unique per workspace). */
const REPLY_TOKEN = /^[a-z2-7]{16}$/;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const freshToken = () => Array.from(randomBytes(16), (b) => BASE32[b & 31]).join('');

function rewrite(values: unknown[] | null, links: Map<string, string | number>): unknown[] | undefined {
  if (!values) return undefined;
  return values.map((v) => {
    if (typeof v === 'string' && REPLY_TOKEN.test(v)) {
      const key = `token:${v}`;
      let token = links.get(key);
      if (token === undefined) links.set(key, (token = freshToken()));
      return token;
    }
    if (links.size === 0) return v;
    if (typeof v !== 'number' && typeof v !== 'string') return v;
    const hit = links.get(String(v));
    if (hit !== undefined) return hit;
    const m = typeof v === 'string' ? /^([A-Z][A-Z0-9]*)-(\d+)$/.exec(v) : null;
    const n = m ? links.get(`#${m[2]}`) : undefined;
    return m && n !== undefined ? `${m[1]}-${String(n)}` : v;
  });
}

const app = Fastify({ logger: false });
// A replay that fails is counted as an error by the load generator; its reason goes to stderr once.
const reported = new Set<string>();
app.setErrorHandler((err: Error, request, reply) => {
  const reason = `template ${String(request.headers['x-bench-template'])}: ${err.message}`;
  if (!reported.has(reason) && reported.size < 20) {
    reported.add(reason);
    process.stderr.write(`bare replay failed: ${reason}\n`);
  }
  return reply.status(500).send({ error: err.message });
});
app.all('/*', async (request, reply) => {
  if (request.url === '/__ready') return { ok: true };
  const index = Number(request.headers['x-bench-template']);
  const c = captured[index];
  if (!c) return reply.status(400).send({ error: 'no such template' });
  const links = new Map<string, string | number>();
  for (const group of c.groups) {
    const client = await pool.connect();
    try {
      for (const s of group) {
        const r = await client.query(s.text, rewrite(s.values, links));
        const last = (Array.isArray(r) ? r[r.length - 1] : r) as pg.QueryResult;
        link(links, s.row, last.rows[0]);
      }
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
  return reply.status(c.status).type(c.contentType).send(c.body);
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end().then(() => process.exit(0)));
});
