/**
 * Opens the database: a pg pool on DATABASE_URL, or on the embedded PostgreSQL in DATA_DIR when it is
 * not set (started or joined here, released on close). Everything above this file is the same code.
 */
import { createHash } from 'node:crypto';
import { Kysely, type KyselyConfig } from 'kysely';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded/embedded-postgres.js';
import { listenOnPostgres, type Listener, type ListenOptions } from './listener.js';
import { postgresDialect } from './postgres-dialect.js';
import type { QueryOptions, RawDatabase, RawExecutor } from './raw.js';
import type { DB } from './schema.js';

export interface Database {
  kysely: Kysely<DB>;
  raw: RawDatabase;
  /** A connection of its own LISTENing on the channels. */
  listen(options: ListenOptions): Promise<Listener | null>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — when null the embedded PostgreSQL in dataDir is used. */
  databaseUrl: string | null;
  dataDir: string;
  /** Pool size. */
  poolSize?: number;
  /** The port for the embedded PostgreSQL when this process starts it (EMBEDDED_POSTGRES_PORT). */
  embeddedPort?: number | null;
  /** Told what the embedded PostgreSQL does (initdb, start, reuse, stop), one line each. */
  log?: (message: string) => void;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

/** Opens the configured database: DATABASE_URL, or the embedded PostgreSQL of dataDir. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const poolSize = options.poolSize ?? 10;
  if (options.databaseUrl) return openPostgres(options.databaseUrl, poolSize);
  const embedded = await startEmbeddedPostgres({
    dataDir: options.dataDir,
    port: options.embeddedPort ?? null,
    ...(options.log ? { log: options.log } : {}),
  });
  let db: Database;
  try {
    db = await openPostgres(embedded.url, poolSize);
  } catch (err) {
    await embedded.release();
    throw err;
  }
  return {
    ...db,
    async close() {
      await db.close();
      await embedded.release();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const db = postgresDatabase(postgresPool(url, poolSize));
  await db.raw.query('SELECT 1');
  return db;
}

/** A pg pool parsing bigint and numeric as numbers and dates as text (what the schema types say). */
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

/** A prepared statement's name: its text's, so that one text is prepared once per connection. */
function preparedName(text: string): string {
  return `bfg2_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
}

/** The Database over a pool; `log` is Kysely's (the benches capture the statements with it). */
export function postgresDatabase(pool: pg.Pool, options: { log?: KyselyConfig['log'] } = {}): Database {
  const run = async <R>(
    c: pg.PoolClient | pg.Pool,
    text: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ) => {
    const r =
      options?.prepare && params?.length
        ? await c.query({ name: preparedName(text), text, values: [...params] })
        : await c.query(text, params ? [...params] : undefined);
    const last = Array.isArray(r) ? (r[r.length - 1] as pg.QueryResult) : r;
    return { rows: last.rows as R[], rowCount: last.rowCount ?? 0 };
  };
  const raw: RawDatabase = {
    query: (text, params, queryOptions) => run(pool, text, params, queryOptions),
    async transaction(fn) {
      const client = await pool.connect();
      // As in postgres-dialect.ts: BEGIN travels in front of the first statement when that one has no
      // parameters (one message, one round trip), and a transaction that sent nothing ends without any.
      let begun = false;
      const begin = async (text: string, params?: readonly unknown[]) => {
        if (begun) return text;
        begun = true;
        if (!params?.length) return `BEGIN; ${text}`;
        await client.query('BEGIN');
        return text;
      };
      try {
        const tx: RawExecutor = {
          query: async (text, params, queryOptions) =>
            run(client, await begin(text, params), params, queryOptions),
        };
        const result = await fn(tx);
        if (begun) await client.query('COMMIT');
        return result;
      } catch (err) {
        if (begun) await client.query('ROLLBACK').catch(() => undefined);
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
    kysely,
    raw,
    listen: (listenOptions) => listenOnPostgres(pool.options, listenOptions),
    async close() {
      await kysely.destroy();
    },
  };
}
