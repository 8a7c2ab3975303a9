/**
 * Opens the database: embedded PGlite in DATA_DIR by default, a pg pool when DATABASE_URL is set.
 * Both speak the same SQL; everything above this file is the same code.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, type KyselyConfig } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { listenOnPostgres, type Listener, type ListenOptions } from './listener.js';
import { Mutex } from './mutex.js';
import { warmUpPGlite } from './pglite-warm-up.js';
import { pgliteDialect } from './pglite-dialect.js';
import { postgresDialect } from './postgres-dialect.js';
import type { RawDatabase, RawExecutor, RawResult } from './raw.js';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  kysely: Kysely<DB>;
  raw: RawDatabase;
  /**
   * Runs the embedded database's warm-up search now when opening deferred it (`warmUp: 'deferred'`),
   * replacing an instance that fails it; every query issued meanwhile waits for it. Otherwise nothing.
   */
  warmUp(): Promise<void>;
  /**
   * A connection of its own LISTENing on the channels (PostgreSQL); null on PGlite, where one process
   * holds the database and readers poll instead.
   */
  listen(options: ListenOptions): Promise<Listener | null>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — when null the embedded database in dataDir is used. */
  databaseUrl: string | null;
  dataDir: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** Skip the data-dir lock (only for a test that copies a private data dir). */
  skipLock?: boolean;
  /**
   * PGlite's warm-up search (pglite-warm-up.ts): at open (true, the default); 'deferred' until the opener
   * calls Database.warmUp() (serve: migrations and the demo seed first, the search while the HTTP server
   * starts); false never — only for callers that never search the knowledge base (CLI commands).
   */
  warmUp?: boolean | 'deferred';
  /** Told when a PGlite instance failed its warm-up search and another is opened (pglite-warm-up.ts). */
  onPGliteReopen?: (attempt: number) => void;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

const PGLITE_OPENS = 3;

/** PGlite's options for the product: extensions, memory, type parsers. */
function createPGlite(dir: string): Promise<PGlite> {
  return PGlite.create(dir, {
    extensions: { btree_gin, pg_trgm, unaccent },
    // PGlite's default 128 MB of shared buffers doubles the idle footprint of the whole process;
    // 32 MB keeps a small install's working set cached (measured: RSS 296 → ~190 MB for PGlite).
    postgresqlconf: ['shared_buffers=32MB', 'client_min_messages=warning'],
    parsers: {
      [INT8]: (v: string) => Number(v),
      [NUMERIC]: (v: string) => Number(v),
      [DATE]: (v: string) => v,
    },
    serializers: { [pgliteTypes.INT8]: (v: unknown) => String(v) },
  });
}

/**
 * Opens PGlite in dir and runs its first search (see pglite-warm-up.ts); an instance that fails it is
 * closed and another opened, at most PGLITE_OPENS times.
 */
export async function openWarmPGlite(dir: string, onReopen?: (attempt: number) => void): Promise<PGlite> {
  for (let attempt = 1; ; attempt += 1) {
    const client = await createPGlite(dir);
    if (await warmUpPGlite(client)) return client;
    await client.close().catch(() => undefined);
    if (attempt >= PGLITE_OPENS) {
      throw new Error(`the embedded database failed its warm-up search ${PGLITE_OPENS} times in ${dir}`);
    }
    onReopen?.(attempt);
  }
}

/** Opens the configured database. PGlite refuses to open a data dir another process holds. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openPGlite(options);
}

async function openPGlite(options: DatabaseOptions): Promise<Database> {
  const dir = path.join(options.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const lock: DataDirLock | null = options.skipLock ? null : acquireDataDirLock(options.dataDir);
  const warmAtOpen = options.warmUp === undefined || options.warmUp === true;
  let client: PGlite;
  try {
    client = warmAtOpen ? await openWarmPGlite(dir, options.onPGliteReopen) : await createPGlite(dir);
  } catch (err) {
    lock?.release();
    throw err;
  }
  const mutex = new Mutex();
  let warmUpPending = options.warmUp === 'deferred';
  // Replaces `client` (under the mutex) with a warm instance when the current one fails its warm-up.
  const warmUp = () => {
    if (!warmUpPending) return Promise.resolve();
    warmUpPending = false;
    return mutex.run(async () => {
      if (await warmUpPGlite(client)) return;
      await client.close().catch(() => undefined);
      options.onPGliteReopen?.(1);
      client = await openWarmPGlite(dir, (attempt) => options.onPGliteReopen?.(attempt + 1));
    });
  };
  const exec = async <R>(text: string, params?: readonly unknown[]): Promise<RawResult<R>> => {
    if (!params || params.length === 0) {
      const results = await client.exec(text);
      const last = results[results.length - 1];
      return { rows: (last?.rows ?? []) as R[], rowCount: last?.affectedRows ?? last?.rows.length ?? 0 };
    }
    const r = await client.query<R>(text, [...params]);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  };
  const raw: RawDatabase = {
    query: (text, params) => mutex.run(() => exec(text, params)),
    transaction: (fn) =>
      mutex.run(async () => {
        await client.exec('BEGIN');
        try {
          const result = await fn({ query: exec });
          await client.exec('COMMIT');
          return result;
        } catch (err) {
          await client.exec('ROLLBACK');
          throw err;
        }
      }),
  };
  const kysely = new Kysely<DB>({ dialect: pgliteDialect(() => client, mutex) });
  return {
    kind: 'pglite',
    kysely,
    raw,
    warmUp,
    listen: () => Promise.resolve(null),
    async close() {
      await kysely.destroy();
      // Already closed when its warm-up failed and no replacement opened.
      await mutex.run(() => (client.closed ? Promise.resolve() : client.close()));
      lock?.release();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const db = postgresDatabase(postgresPool(url, poolSize));
  await db.raw.query('SELECT 1');
  return db;
}

/** A pg pool parsing bigint and numeric as numbers and dates as text, like the PGlite client. */
export function postgresPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) => {
        if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
        if (oid === DATE) return (v: string) => v;
        return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/** The Database over a pool; `log` is Kysely's (the benches capture the statements with it). */
export function postgresDatabase(pool: pg.Pool, options: { log?: KyselyConfig['log'] } = {}): Database {
  const run = async <R>(c: pg.PoolClient | pg.Pool, text: string, params?: readonly unknown[]) => {
    const r = await c.query(text, params ? [...params] : undefined);
    const last = Array.isArray(r) ? (r[r.length - 1] as pg.QueryResult) : r;
    return { rows: last.rows as R[], rowCount: last.rowCount ?? 0 };
  };
  const raw: RawDatabase = {
    query: (text, params) => run(pool, text, params),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: RawExecutor = { query: (text, params) => run(client, text, params) };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
  const kysely = new Kysely<DB>({
    dialect: postgresDialect(pool),
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    kind: 'postgres',
    kysely,
    raw,
    warmUp: () => Promise.resolve(),
    listen: (listenOptions) => listenOnPostgres(pool.options, listenOptions),
    async close() {
      await kysely.destroy();
    },
  };
}
