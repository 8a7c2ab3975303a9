/**
 * The test database of the current test file: the run's PostgreSQL database (global-setup.ts), shared
 * by all files. Tests never truncate: each makes its own workspace (see factories.ts). A test that
 * needs a database of its own (a CLI or server process) gets a fresh copy of the migrated template.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { openDatabase, type Database } from '../db/client.js';

let current: Promise<Database> | null = null;

/** The database for this test file, opened once and closed after the file's tests. */
export function testDatabase(): Promise<Database> {
  if (!current) {
    current = openDatabase({ databaseUrl: inject('databaseUrl'), dataDir: '', poolSize: 4 });
    afterAll(async () => {
      const db = await current;
      current = null;
      await db?.close();
    });
  }
  return current;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject('serverUrl') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface PrivateDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A migrated database of its own (a copy of the run's template), for a process given DATABASE_URL. */
export async function privateDatabase(): Promise<PrivateDatabase> {
  const name = `bfg2_private_${randomBytes(5).toString('hex')}`;
  // Copying refuses while anything else is connected to the template (55006): another process starting
  // its copy, or a developer's psql. That passes; try again for a while before failing the test.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`));
      break;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || attempt >= 20) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
  const url = new URL(inject('serverUrl'));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
