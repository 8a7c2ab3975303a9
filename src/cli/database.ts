/** Opening the configured database for one CLI command, and the lookups commands share. */
import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { pendingMigrations } from '../db/migrate.js';
import type { Workspace } from '../db/schema.js';
import { asSystem } from '../db/tenant.js';
import { AppError, notFound } from '../platform/errors.js';

/**
 * Runs fn with the database of DATA_DIR / DATABASE_URL and closes it afterwards. PGlite refuses a data
 * directory a running server holds (DataDirLockedError). Unless told otherwise, an unmigrated database
 * is refused with a hint instead of failing later on a missing table.
 */
export async function withDatabase<T>(
  fn: (db: Database) => Promise<T>,
  options: { migrated?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  // CLI commands never search the knowledge base, so PGlite's warm-up search (for requests) is skipped.
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
    warmUp: false,
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
