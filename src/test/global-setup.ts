/**
 * Prepares one migrated database per test run: a PGlite template directory (copied by each test file,
 * so the 2–3 s first init happens once and is reused while the migrations are unchanged), or a fresh
 * PostgreSQL database created from TEST_DATABASE_URL and dropped afterwards.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client.js';
import { listMigrations } from '../db/migrate.js';
import { migrateDatabase } from '../platform/migrate-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    databaseUrl: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');

async function pgliteTemplate(): Promise<string> {
  // Named by everything that shapes the migrated database: our SQL, the migrator, the job queues and
  // pg-boss's version — a change to any of them builds a new template.
  const shaping = [
    'src/db/migrate.ts',
    'src/platform/migrate-database.ts',
    'src/db/client.ts',
    'src/platform/jobs/pg-boss-queue.ts',
    'src/platform/jobs/queues.ts',
    'node_modules/pg-boss/package.json',
  ];
  const version = createHash('sha256')
    .update(
      listMigrations()
        .map((m) => m.checksum)
        .join(),
    )
    .update(shaping.map((f) => readFileSync(path.join(ROOT, f), 'utf8')).join())
    .digest('hex')
    .slice(0, 12);
  const dir = path.join(ROOT, '.cache', `pglite-template-${version}`);
  if (existsSync(path.join(dir, 'pglite', 'PG_VERSION'))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const db = await openDatabase({ databaseUrl: null, dataDir: tmp });
  await migrateDatabase(db.raw);
  await db.close();
  rmSync(path.join(tmp, '.lock'), { force: true });
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  // Older templates are of no use once the schema moved on.
  for (const old of readdirSync(path.dirname(dir))) {
    if (
      old.startsWith('pglite-template-') &&
      path.join(path.dirname(dir), old) !== dir &&
      !old.includes('.tmp-')
    ) {
      rmSync(path.join(path.dirname(dir), old), { recursive: true, force: true });
    }
  }
  return dir;
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (process.env.TEST_DB_KIND !== 'postgres' && project.name !== 'postgres') {
    project.provide('pgliteTemplate', await pgliteTemplate());
    return;
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `bfg2_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  await migrateDatabase(db.raw);
  await db.close();
  project.provide('databaseUrl', url.toString());
  return async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
}
