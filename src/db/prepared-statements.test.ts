/**
 * RawExecutor's `prepare` (raw.ts): a statement run with it is prepared once on its connection and
 * reused by name; without it nothing is left prepared. Checked on a pool of one connection, in the
 * server's own list of the connection's prepared statements.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postgresDatabase, postgresPool, type Database } from './client.js';

describe('prepared statements', () => {
  let db: Database;
  beforeAll(() => {
    db = postgresDatabase(postgresPool(inject('databaseUrl'), 1));
  });
  afterAll(() => db.close());

  const prepared = async (marker: string) =>
    (
      await db.raw.query<{ name: string }>(
        `SELECT name FROM pg_prepared_statements WHERE statement LIKE $1`,
        [`%${marker}%`],
      )
    ).rows.map((r) => r.name);

  it('prepares a statement once on its connection and runs it again by name', async () => {
    const text = `SELECT $1::int + 1 AS n /* prepared-probe */`;
    const first = await db.raw.query<{ n: number }>(text, [1], { prepare: true });
    const second = await db.raw.query<{ n: number }>(text, [41], { prepare: true });
    expect([first.rows[0]?.n, second.rows[0]?.n]).toEqual([2, 42]);
    const names = await prepared('prepared-probe');
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^bfg2_[0-9a-f]{24}$/);
    // Inside a transaction the same connection reuses it.
    const inTx = await db.raw.transaction((tx) => tx.query<{ n: number }>(text, [9], { prepare: true }));
    expect(inTx.rows[0]?.n).toBe(10);
    expect(await prepared('prepared-probe')).toEqual(names);
  });

  it('prepares nothing without the option, or without parameters', async () => {
    await db.raw.query(`SELECT $1::int AS n /* unprepared-probe */`, [1]);
    await db.raw.query(`SELECT 1 AS n /* no-params-probe */`, [], { prepare: true });
    expect(await prepared('unprepared-probe')).toEqual([]);
    expect(await prepared('no-params-probe')).toEqual([]);
  });
});
