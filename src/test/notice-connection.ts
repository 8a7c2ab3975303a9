/**
 * A connection of its own that reports the notices SQL raises (the app's connections hide them): a copy
 * of the PGlite template, or a client of the PostgreSQL test database. For tests proving that search
 * functions raise none (notices raised inside plpgsql are a suspect in PGlite's ERRORDATA_STACK_SIZE
 * abort, and nobody reads them).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openWarmPGlite } from '../db/client.js';
import { copyTemplateDataDir, TEST_DB_KIND } from './db.js';

export interface NoticeConnection {
  /** Runs the statements in one transaction; returns the notices they raised and the last one's rows. */
  run(statements: string[]): Promise<{ notices: string[]; rows: unknown[] }>;
  close(): Promise<void>;
}

async function pgliteConnection(): Promise<NoticeConnection> {
  const dir = copyTemplateDataDir();
  const client = await openWarmPGlite(path.join(dir, 'pglite'));
  return {
    async run(statements) {
      const seen: string[] = [];
      let rows: unknown[] = [];
      await client.transaction(async (tx) => {
        for (const s of statements) {
          rows = (await tx.query(s, [], { onNotice: (n) => seen.push(n.message ?? '') })).rows;
        }
      });
      return { notices: seen, rows };
    },
    async close() {
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresConnection(): Promise<NoticeConnection> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  let seen: string[] = [];
  client.on('notice', (n) => seen.push(n.message ?? ''));
  return {
    async run(statements) {
      seen = [];
      let rows: unknown[] = [];
      await client.query('BEGIN');
      try {
        for (const s of statements) rows = (await client.query(s)).rows;
      } finally {
        await client.query('ROLLBACK');
      }
      return { notices: seen, rows };
    },
    close: () => client.end(),
  };
}

/** The notice connection for this run's database kind. */
export function openNoticeConnection(): Promise<NoticeConnection> {
  return TEST_DB_KIND === 'postgres' ? postgresConnection() : pgliteConnection();
}
