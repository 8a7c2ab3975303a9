/**
 * A Kysely dialect for PGlite that serialises connections through a mutex. PGlite is a single session:
 * without the lock a query issued while another request holds a transaction would run inside it.
 * (kysely-pglite's driver hands out the same session with no lock, which is why it is not used.)
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import type { Mutex } from './mutex.js';

class PGliteConnection implements DatabaseConnection {
  constructor(
    private readonly client: PGlite,
    readonly release: () => void,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.client.query<R>(compiled.sql, [...compiled.parameters]);
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming');
  }
}

class PGliteDriver implements Driver {
  constructor(
    private readonly client: () => PGlite,
    private readonly mutex: Mutex,
  ) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.acquire();
    // Read under the lock: the instance can be replaced while nobody holds it (client.ts, warm-up).
    return new PGliteConnection(this.client(), release);
  }
  async beginTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('BEGIN'));
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('COMMIT'));
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }
  async releaseConnection(c: DatabaseConnection): Promise<void> {
    (c as PGliteConnection).release();
  }
  async destroy(): Promise<void> {}
}

/** Kysely's PostgreSQL adapter, introspector and compiler around a driver of ours (also postgres-dialect.ts). */
export function postgresFlavour(createDriver: () => Driver): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver,
    createIntrospector: (db: Kysely<unknown>) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

/** `client` gives the current instance; it is called with the mutex held. */
export function pgliteDialect(client: () => PGlite, mutex: Mutex): Dialect {
  return postgresFlavour(() => new PGliteDriver(client, mutex));
}
