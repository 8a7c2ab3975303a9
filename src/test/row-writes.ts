/**
 * Counts the rows a piece of work inserts into and updates in a table, inside one transaction: the
 * backend's not yet reported counts (pg_stat_get_xact_*, reported between transactions only) before and
 * after it. Tells a row written once from one written and then updated (every index entry twice).
 */
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';

export async function rowWrites<T>(
  tx: Tx,
  table: string,
  work: () => Promise<T>,
): Promise<{ result: T; inserted: number; updated: number }> {
  const read = async () =>
    (
      await sql<{ inserted: number; updated: number }>`
        SELECT pg_stat_get_xact_tuples_inserted(${table}::regclass)::int AS inserted,
               pg_stat_get_xact_tuples_updated(${table}::regclass)::int AS updated`.execute(tx)
    ).rows[0] ?? { inserted: Number.NaN, updated: Number.NaN };
  const before = await read();
  const result = await work();
  const after = await read();
  return { result, inserted: after.inserted - before.inserted, updated: after.updated - before.updated };
}
