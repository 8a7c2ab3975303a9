import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import type { RawExecutor } from '../../db/raw.js';
import type { Workspace } from '../../db/schema.js';
import { privateDatabase, type PrivateDatabase } from '../../test/db.js';
import { buildWorkspace } from '../../test/factories.js';
import { readLog, START } from './log.js';

// A database of its own: whether the log is blocked depends on every transaction of the database.
let own: PrivateDatabase;
let db: Database;
let ws: Workspace;

beforeAll(async () => {
  own = await privateDatabase();
  db = await openDatabase({ databaseUrl: own.url, dataDir: '', poolSize: 3 });
  ws = await buildWorkspace(db);
});
afterAll(async () => {
  await db.close();
  await own.drop();
});

/** Rows of domain_events read by sequential scans in this transaction so far. */
async function seqRead(tx: RawExecutor): Promise<number> {
  const r = await tx.query<{ n: string }>(
    `SELECT pg_stat_get_xact_tuples_returned('domain_events'::regclass) AS n`,
  );
  return Number(r.rows[0]?.n);
}

describe('readLog', () => {
  it('reads a page without scanning the whole log, however long it is', async () => {
    await db.raw.query(
      `INSERT INTO domain_events (workspace_id, type, subject_type, subject_id, payload)
       SELECT $1, 'ticket.created', 'ticket', g, '{}' FROM generate_series(1, 20000) g`,
      [ws.id],
    );
    await db.raw.query('ANALYZE domain_events');
    // Every event committed, none past the edge: the case a scan for "any event at or past the edge?"
    // read to the end of the table.
    await db.raw.transaction(async (tx) => {
      const before = await seqRead(tx);
      for (let i = 0; i < 3; i++) {
        const page = await readLog(tx, START, { limit: 10 });
        expect(page).toMatchObject({ blocked: false });
        expect(page.events).toHaveLength(10);
      }
      // Three pages of ten: the position index is read from either end, no event is scanned past.
      expect((await seqRead(tx)) - before).toBeLessThan(1000);
    });
  });

  it('says blocked while an older transaction that wrote an event is running, and not after', async () => {
    const { kysely } = db;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const written = new Promise<void>((resolve) => (started = resolve));
    const older = kysely.transaction().execute(async (tx) => {
      await sql`INSERT INTO domain_events (workspace_id, type, subject_type, subject_id)
        VALUES (${ws.id}, 'ticket.created', 'ticket', 1)`.execute(tx);
      started();
      await held;
    });
    await written;
    // A later commit: readable only once the older one ends.
    await sql`INSERT INTO domain_events (workspace_id, type, subject_type, subject_id)
      VALUES (${ws.id}, 'ticket.created', 'ticket', 2)`.execute(kysely);
    expect((await readLog(db.raw, START, { limit: 0 })).blocked).toBe(true);
    release();
    await older;
    expect((await readLog(db.raw, START, { limit: 0 })).blocked).toBe(false);
  });
});
