/**
 * The test database of the current test file: a private copy of the migrated PGlite template, or the
 * run's PostgreSQL database. Tests never truncate: each makes its own workspace (see factories.ts).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, inject } from 'vitest';
import { openDatabase, type Database } from '../db/client.js';

export const TEST_DB_KIND = process.env.TEST_DB_KIND === 'postgres' ? 'postgres' : 'pglite';

let current: Promise<Database> | null = null;

/** A fresh private PGlite directory copied from the template (for tests that need their own files). */
export function copyTemplateDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bfg2-test-'));
  cpSync(inject('pgliteTemplate'), dir, { recursive: true });
  return dir;
}

async function open(): Promise<Database> {
  if (TEST_DB_KIND === 'postgres') {
    return openDatabase({ databaseUrl: inject('databaseUrl'), dataDir: '', poolSize: 4 });
  }
  const dir = copyTemplateDataDir();
  const db = await openDatabase({ databaseUrl: null, dataDir: dir });
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  };
  return db;
}

/** The database for this test file, opened once and closed after the file's tests. */
export function testDatabase(): Promise<Database> {
  if (!current) {
    current = open();
    afterAll(async () => {
      const db = await current;
      current = null;
      await db?.close();
    });
  }
  return current;
}
