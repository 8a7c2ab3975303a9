/**
 * Prepares one migrated PostgreSQL database per test run, on TEST_DATABASE_URL's server when it is set,
 * else on an embedded PostgreSQL kept in .cache/test-postgres (created on the first run, started once
 * per run and stopped at its end). The migrations run once into a template database, named by
 * everything that shapes the schema; each run's database is a copy of it (CREATE DATABASE … TEMPLATE,
 * a file copy), dropped afterwards.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client.js';
import { startEmbeddedPostgres } from '../db/embedded/embedded-postgres.js';
import { listMigrations } from '../db/migrate.js';
import { migrateDatabase } from '../platform/migrate-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's database. */
    databaseUrl: string;
    /** The server's maintenance database, to create private databases (src/test/db.ts). */
    serverUrl: string;
    /** The migrated template the run's database was copied from. */
    templateDatabase: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const TEMPLATE_PREFIX = 'bfg2_template_';
// Held while a run looks for the template or builds it, so that two runs build it once.
const TEMPLATE_LOCK = 4_242_000_019;

function templateName(): string {
  const shaping = [
    'src/db/migrate.ts',
    'src/platform/migrate-database.ts',
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
  return `${TEMPLATE_PREFIX}${version}`;
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The migrated template on the server: found, or built once (under an advisory lock). */
async function ensureTemplate(admin: pg.Client, serverUrl: string): Promise<string> {
  const name = templateName();
  await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return name;
    const building = `${name}_build`;
    await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${building}`);
    const db = await openDatabase({
      databaseUrl: databaseUrl(serverUrl, building),
      dataDir: '',
      poolSize: 2,
    });
    try {
      await migrateDatabase(db.raw);
    } finally {
      await db.close();
    }
    // A closed pool's sessions end on the server a moment later; RENAME wants none left.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== '55006' || attempt >= 50) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    // Older templates are of no use once the schema moved on.
    const old = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'bfg2\\_template\\_%' AND datname <> $1",
      [name],
    );
    for (const row of old.rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${row.datname}`).catch(() => undefined);
    }
    return name;
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let release: (() => Promise<void>) | null = null;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(ROOT, '.cache', 'test-postgres'),
      port: Number(process.env.TEST_EMBEDDED_POSTGRES_PORT) || null,
    });
    serverUrl = embedded.serverUrl;
    release = embedded.release;
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `bfg2_test_${randomBytes(5).toString('hex')}`;
  let template: string;
  try {
    template = await ensureTemplate(admin, serverUrl);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  project.provide('databaseUrl', databaseUrl(serverUrl, name));
  project.provide('serverUrl', serverUrl);
  project.provide('templateDatabase', template);
  const server = serverUrl;
  return async () => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
    await release?.();
  };
}
