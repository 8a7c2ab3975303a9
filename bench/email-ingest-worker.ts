/**
 * The product process of bench/email-ingest.ts: a worker process as `serve` starts it (startServer, role
 * worker, the SMTP listener on, every job and event subscriber of the product), on a pool that counts the
 * statements it sends. Prints `READY <smtp port>`; each `stats` line on stdin is answered by a JSON line
 * with the process's CPU time (ms), the statements sent so far and the time waited for their answers, by kind.
 *
 *   tsx bench/email-ingest-worker.ts <database url> <data dir> <pool size>
 */
import { createInterface } from 'node:readline';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { postgresDatabase, postgresPool } from '../src/db/client.js';
import { createLogger } from '../src/platform/logger.js';
import { startServer } from '../src/server.js';

const [url, dataDir, poolSize] = process.argv.slice(2);
if (!url || !dataDir) throw new Error('usage: email-ingest-worker.ts <database url> <data dir> [pool size]');

const statements = new Map<string, number>();
/** Milliseconds spent waiting for the answers, by statement kind. */
const waited = new Map<string, number>();
/** A statement's kind: its verb and table, without values ("INSERT support_tickets"). */
function kindOf(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = /^(with|select|insert into|update|delete from)\s+("?[\w.]+"?)?/i.exec(t);
  if (!m) return t.slice(0, 40);
  const verb = (m[1] as string).split(' ')[0]?.toUpperCase() ?? '';
  if (verb === 'SELECT' || verb === 'WITH') {
    const from = /\bfrom\s+("?[\w.]+"?)/i.exec(t);
    return `${verb} ${from?.[1]?.replace(/"/g, '') ?? (m[2] ?? '').replace(/"/g, '')}`;
  }
  return `${verb} ${(m[2] ?? '').replace(/"/g, '')}`;
}

// EMAIL_BENCH_PG_OPTIONS: settings for the product's connections (e.g. `-c log_min_duration_statement=200`
// to find slow statements in the server's log).
const pgOptions = process.env.EMAIL_BENCH_PG_OPTIONS;
const productUrl = new URL(url);
if (pgOptions) productUrl.searchParams.set('options', pgOptions);
const pool = postgresPool(productUrl.toString(), Number(poolSize ?? 10));
pool.on('connect', (client: pg.PoolClient) => {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '');
    const kind = kindOf(text);
    statements.set(kind, (statements.get(kind) ?? 0) + 1);
    const started = performance.now();
    const out = query(...args);
    // Time from sending to the answer (round trip, server time, queueing behind the connection's earlier
    // statements), by kind: where the process waits on the database.
    if (out instanceof Promise)
      void out.then(
        () => waited.set(kind, (waited.get(kind) ?? 0) + performance.now() - started),
        () => undefined,
      );
    return out;
  };
});
const db = postgresDatabase(pool);
const log = createLogger('warn');
const config = loadConfig({
  DATABASE_URL: url,
  DATA_DIR: dataDir,
  PROCESS_ROLE: 'worker',
  SMTP_LISTENER: 'true',
  SMTP_PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  DATABASE_POOL_SIZE: String(poolSize ?? 10),
  SESSION_SECRET: 'email-ingest-bench-session-secret-0123456789',
  MAIL_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
  PATH: process.env.PATH,
});
await db.raw.query('SELECT 1');
const server = await startServer(config, { database: { db: Promise.resolve(db), log } });
process.stdout.write(`READY ${server.smtpPort}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'stats') {
    const cpu = process.cpuUsage();
    process.stdout.write(
      `${JSON.stringify({
        cpuMs: (cpu.user + cpu.system) / 1000,
        statements: Object.fromEntries(statements),
        waitedMs: Object.fromEntries(waited),
      })}\n`,
    );
  } else if (line.trim() === 'stop') {
    stopping = true;
    // Exits normally even when a job fails on the closing pool, so that --cpu-prof writes its profile.
    void server
      .stop()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  }
});
let stopping = false;
process.on('unhandledRejection', (err) => {
  if (!stopping) throw err;
});
