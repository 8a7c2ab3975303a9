/**
 * The PostgreSQL driver sends BEGIN together with a transaction's first statement when it has no
 * parameters (postgres-dialect.ts). Checked on one pooled connection, so that a transaction left open or
 * aborted by the driver would show in the next one.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postgresDatabase, postgresPool, type Database } from './client.js';

describe('postgres dialect', () => {
  let db: Database;
  const statements: string[] = [];
  beforeAll(() => {
    db = postgresDatabase(postgresPool(inject('databaseUrl'), 1), {
      log: (e) => {
        if (e.level === 'query') statements.push(e.query.sql);
      },
    });
  });
  afterAll(() => db.close());

  const txid = sql<{ id: number }>`SELECT txid_current() AS id`;
  const txidWith = (n: number) => sql<{ id: number; n: number }>`SELECT txid_current() AS id, ${n}::int AS n`;

  it('runs a first statement without parameters in the same transaction as the rest', async () => {
    const ids = await db.kysely.transaction().execute(async (tx) => {
      const first = await sql
        .raw<{ v: string }>(`SELECT set_config('app.probe', 'folded', true) AS v`)
        .execute(tx);
      const a = await txid.execute(tx);
      const b = await txidWith(2).execute(tx);
      const seen = await sql<{ v: string }>`SELECT current_setting(${'app.probe'}) AS v`.execute(tx);
      expect(first.rows).toEqual([{ v: 'folded' }]);
      expect(seen.rows).toEqual([{ v: 'folded' }]);
      return [a.rows[0]?.id, b.rows[0]?.id];
    });
    expect(ids[0]).toBeTypeOf('number');
    expect(ids[0]).toBe(ids[1]);
    // Local to the transaction: gone after COMMIT.
    const after = await sql<{ v: string | null }>`SELECT current_setting('app.probe', true) AS v`.execute(
      db.kysely,
    );
    expect(after.rows[0]?.v ?? '').toBe('');
  });

  it('runs a first statement with parameters in a transaction too', async () => {
    const ids = await db.kysely.transaction().execute(async (tx) => {
      const a = await txidWith(1).execute(tx);
      const b = await txid.execute(tx);
      return [a.rows[0]?.id, b.rows[0]?.id];
    });
    expect(ids[0]).toBe(ids[1]);
  });

  it('rolls back what the folded first statement wrote when the transaction fails', async () => {
    await sql`CREATE TEMP TABLE IF NOT EXISTS dialect_probe (v text)`.execute(db.kysely);
    const value = `probe-${Math.random()}`;
    await expect(
      db.kysely.transaction().execute(async (tx) => {
        await sql.raw(`INSERT INTO dialect_probe VALUES ('${value}')`).execute(tx);
        await sql`SELECT 1 / ${0}::int`.execute(tx);
      }),
    ).rejects.toThrow(/division by zero/);
    const rows = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM dialect_probe WHERE v = ${value}`.execute(db.kysely);
    expect(rows.rows).toEqual([{ n: 0 }]);
  });

  it('leaves the connection usable after the folded statement itself fails', async () => {
    await expect(
      db.kysely.transaction().execute(async (tx) => {
        await sql.raw('SELECT 1 / 0').execute(tx);
      }),
    ).rejects.toThrow(/division by zero/);
    const ids = await db.kysely
      .transaction()
      .execute(async (tx) => [(await txid.execute(tx)).rows[0]?.id, (await txid.execute(tx)).rows[0]?.id]);
    expect(ids[0]).toBe(ids[1]);
  });

  it('sends nothing for a transaction that ran no statement, and leaves none open', async () => {
    statements.length = 0;
    await db.kysely.transaction().execute(async () => 'nothing');
    expect(statements).toEqual([]);
    // Outside a transaction every statement gets its own transaction id.
    const a = (await txid.execute(db.kysely)).rows[0]?.id;
    const b = (await txid.execute(db.kysely)).rows[0]?.id;
    expect(a).not.toBe(b);
  });
});
