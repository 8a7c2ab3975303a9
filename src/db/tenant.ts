/**
 * Transactions scoped to one workspace. Every tenant query runs as the unprivileged role bfg2_app with
 * app.workspace_id set for the transaction, so PostgreSQL row-level security hides other workspaces'
 * rows even if a repository forgot its WHERE clause. asSystem() is for the few places that must work
 * before a workspace is known (authentication, the CLI, cross-workspace jobs) and says so at the call.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './client.js';
import type { DB } from './schema.js';

export type Tx = Transaction<DB>;
/** Anything a repository can query through: a transaction or the pool. */
export type Queryable = Kysely<DB>;

/** Runs fn in a transaction that can only see and write rows of workspaceId. */
export async function inWorkspace<T>(
  db: Database,
  workspaceId: number,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.kysely.transaction().execute(async (tx) => {
    await sql`SELECT set_config('role', 'bfg2_app', true), set_config('app.workspace_id', ${String(workspaceId)}, true)`.execute(
      tx,
    );
    return fn(tx);
  });
}

/** Runs fn in a transaction as the unprivileged role with no workspace: tenant tables show nothing. */
export async function asAppRoleWithoutWorkspace<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute(async (tx) => {
    await sql`SELECT set_config('role', 'bfg2_app', true)`.execute(tx);
    return fn(tx);
  });
}

/** Runs fn in a transaction as the schema owner, bypassing row-level security. Use sparingly. */
export async function asSystem<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute(fn);
}
