/**
 * Brings a database up to date: the SQL migrations (db/migrate.ts), then pg-boss's job schema, which
 * pg-boss generates itself and which is installed (or upgraded) after ours. Every process and test that
 * migrates calls this, not db/migrate directly.
 */
import { listMigrations, migrate } from '../db/migrate.js';
import type { RawDatabase } from '../db/raw.js';
import { installJobSchema } from './jobs/pg-boss-queue.js';

/** Applies pending migrations and installs the job schema; returns the migrations applied by this call. */
export async function migrateDatabase(db: RawDatabase, migrations = listMigrations()): Promise<string[]> {
  const applied = await migrate(db, migrations);
  await installJobSchema(db);
  return applied;
}
