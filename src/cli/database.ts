/** Opening the configured database for one CLI command, and the lookups commands share. */
import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { pendingMigrations } from '../db/migrate.js';
import type { Workspace } from '../db/schema.js';
import { asSystem } from '../db/tenant.js';
import { AppError, notFound } from '../platform/errors.js';

/**
 * Runs fn with the database of DATABASE_URL or DATA_DIR and closes it afterwards. The embedded
 * PostgreSQL of DATA_DIR is joined when a server runs it, or started for the command and stopped after
 * it. Unless told otherwise, an unmigrated database is refused with a hint instead of failing later on
 * a missing table.
 */
export async function withDatabase<T>(
  fn: (db: Database) => Promise<T>,
  options: { migrated?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
    embeddedPort: config.embeddedPostgresPort,
  });
  try {
    if (options.migrated !== false && (await pendingMigrations(db.raw)).length > 0) {
      throw new AppError('UNAVAILABLE', 'the database is not migrated; run `bfg2-support migrate` first');
    }
    return await fn(db);
  } finally {
    await db.close();
  }
}

export async function findWorkspace(db: Database, slug: string): Promise<Workspace> {
  const ws = await asSystem(db, (tx) =>
    tx.selectFrom('workspaces').selectAll().where('slug', '=', slug.trim().toLowerCase()).executeTakeFirst(),
  );
  if (!ws) throw notFound(`workspace ${slug}`);
  return ws;
}
