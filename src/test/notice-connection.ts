/**
 * A connection of its own, to the run's test database, that reports the notices SQL raises (the app's
 * connections hide them). For tests proving that search functions raise none: nobody reads them.
 */
import pg from 'pg';
import { inject } from 'vitest';

export interface NoticeConnection {
  /** Runs the statements in one transaction; returns the notices they raised and the last one's rows. */
  run(statements: string[]): Promise<{ notices: string[]; rows: unknown[] }>;
  close(): Promise<void>;
}

/** A client of the run's database that collects notices. */
export async function openNoticeConnection(): Promise<NoticeConnection> {
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
