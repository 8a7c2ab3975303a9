/**
 * A Kysely dialect for a pg pool that saves a round trip on every transaction: BEGIN is not sent on its
 * own but in front of the transaction's first statement when that statement has no parameters (one
 * simple-protocol message, "BEGIN; <statement>"). inWorkspace's first statement, the set_config that
 * switches to the tenant role, is written that way, so a tenant transaction costs one round trip less.
 * A transaction that ends before any statement sends nothing at all.
 */
import type pg from 'pg';
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
  type TransactionSettings,
} from 'kysely';

class PgConnection implements DatabaseConnection {
  /** The BEGIN not sent yet; it goes out with the next statement. */
  pendingBegin: string | null = null;

  constructor(readonly client: pg.PoolClient) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    let text = compiled.sql;
    const params = compiled.parameters;
    if (this.pendingBegin !== null) {
      const begin = this.pendingBegin;
      this.pendingBegin = null;
      // Only a statement without parameters travels in the simple protocol, which allows two in one message.
      if (params.length === 0) text = `${begin}; ${text}`;
      else await this.client.query(begin);
    }
    const out = await this.client.query(text, params.length ? [...params] : undefined);
    // Several statements in one message answer with one result each; the caller's is the last.
    const result = (Array.isArray(out) ? out[out.length - 1] : out) as pg.QueryResult;
    const rows = (result.rows ?? []) as R[];
    const { command } = result;
    if (command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE') {
      return { rows, numAffectedRows: BigInt(result.rowCount ?? 0) };
    }
    return { rows };
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not used; read in pages');
  }
}

class PgDriver implements Driver {
  constructor(private readonly pool: pg.Pool) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PgConnection(await this.pool.connect());
  }
  async beginTransaction(c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    (c as PgConnection).pendingBegin = settings.isolationLevel
      ? `START TRANSACTION ISOLATION LEVEL ${settings.isolationLevel}`
      : 'BEGIN';
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await this.end(c as PgConnection, 'COMMIT');
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await this.end(c as PgConnection, 'ROLLBACK');
  }
  async releaseConnection(c: DatabaseConnection): Promise<void> {
    (c as PgConnection).client.release();
  }
  async destroy(): Promise<void> {
    await this.pool.end();
  }

  private async end(c: PgConnection, command: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    // Nothing was sent, so there is no transaction on the server to end.
    if (c.pendingBegin !== null) {
      c.pendingBegin = null;
      return;
    }
    await c.executeQuery(CompiledQuery.raw(command));
  }
}

export function postgresDialect(pool: pg.Pool): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PgDriver(pool),
    createIntrospector: (db: Kysely<unknown>) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}
