/**
 * Transactions scoped to one workspace. Every tenant query runs as the unprivileged role bfg2_app with
 * app.workspace_id set for the transaction, so PostgreSQL row-level security hides other workspaces'
 * rows even if a repository forgot its WHERE clause. asSystem() is for the few places that must work
 * before a workspace is known (authentication, the CLI, cross-workspace jobs) and says so at the call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './client.js';
import type { DB } from './schema.js';

export type Tx = Transaction<DB>;

/**
 * Whether a second transaction opened from inside one of the transactions below is refused, with a clear
 * error: it would silently not be part of the first, and could wait for a pool connection the first
 * holds. Marking the code inside takes an AsyncLocalStorage, and on Node 20 its promise hook then runs
 * for every promise of the process (a chain of awaits ran 2.5–3 times slower with one active), so the
 * guard is on where the code is developed and tested (tsx: `npm run dev`, vitest) and off in the bundle
 * the product ships (scripts/server-bundle.mjs sets BFG2_BUNDLED); TX_GUARD=1 or 0 says otherwise.
 */
export const TRANSACTION_GUARD =
  process.env.TX_GUARD === '1' || (process.env.TX_GUARD !== '0' && process.env.BFG2_BUNDLED !== '1');
const insideTransaction = TRANSACTION_GUARD ? new AsyncLocalStorage<true>() : null;

function transaction<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!insideTransaction) return db.kysely.transaction().execute(fn);
  if (insideTransaction.getStore()) {
    return Promise.reject(
      new Error('a transaction was opened inside another; pass the outer `tx` down instead'),
    );
  }
  return insideTransaction.run(true, () => db.kysely.transaction().execute(fn));
}

/** Runs fn in a transaction that can only see and write rows of workspaceId. */
export async function inWorkspace<T>(
  db: Database,
  workspaceId: number,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (!Number.isSafeInteger(workspaceId)) throw new Error(`not a workspace id: ${String(workspaceId)}`);
  return transaction(db, async (tx) => {
    // Without parameters, so that on PostgreSQL it travels with the BEGIN (postgres-dialect.ts); the id is
    // an integer, checked above.
    await sql
      .raw(
        `SELECT set_config('role', 'bfg2_app', true), set_config('app.workspace_id', '${workspaceId}', true)`,
      )
      .execute(tx);
    return fn(tx);
  });
}

/** Runs fn in a transaction as the unprivileged role with no workspace: tenant tables show nothing. */
export async function asAppRoleWithoutWorkspace<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return transaction(db, async (tx) => {
    await sql.raw(`SELECT set_config('role', 'bfg2_app', true)`).execute(tx);
    return fn(tx);
  });
}

/**
 * The schema owner outside any transaction, for single statements that must run before a workspace is
 * known (resolving the credentials of every request): one round trip, where asSystem's BEGIN and COMMIT
 * would add two. Bypasses row-level security like asSystem; statements that belong together need asSystem.
 */
export function asSystemStatement(db: Database): Kysely<DB> {
  return db.kysely;
}

/** Runs fn in a transaction as the schema owner, bypassing row-level security. Use sparingly. */
export async function asSystem<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return transaction(db, fn);
}

/**
 * The workspace of a lookup by keys (`id = …`, `id = ANY(…)`, a unique key), written so that the planner
 * does not read it as a constant: `workspace_id = (SELECT $1)`, a value known only when the statement
 * runs. Compared with a constant, the planner estimates the workspace's rows from its statistics, and a
 * workspace created or grown since the last ANALYZE is estimated at one row: every index that starts with
 * workspace_id is then as cheap as the key's own, and it took them — a scan of the whole workspace per
 * key (bench/email-ingest.ts: 700 rows read per ticket looked up, in a new workspace of 1,500 tickets).
 * Against an unknown value it estimates rows ÷ workspaces, and the key's index wins whatever ANALYZE saw.
 * Only for lookups by keys: a statement over the whole workspace wants the real estimate.
 */
export function keyedWorkspace(workspaceId: number) {
  return sql<number>`(SELECT ${workspaceId}::bigint)`;
}
