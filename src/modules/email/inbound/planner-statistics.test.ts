/**
 * Migration 0062: the mail tables keep no planner statistics on workspace_id, so a workspace created after
 * the last ANALYZE is not planned as a one-row workspace (a scan of the whole workspace per key lookup,
 * bench/email-ingest.ts). ANALYZE still gathers the other columns.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/app.js';
import { buildWorkspace, unique } from '../../../test/factories.js';
import { findRecipientMailbox } from './recipients.js';
import { groupedInboundStore } from './store-inbound.js';
import { compose, createMailbox } from './test-kit.js';

const t = await testApp();
const { db } = t;
const TABLES = ['inbound_emails', 'outbound_emails', 'inbound_receipts'];

describe('planner statistics of the mail tables', () => {
  it('gathers none for workspace_id, and still gathers the other columns', async () => {
    const ws = await buildWorkspace(db);
    const box = await createMailbox(t, ws);
    const found = await findRecipientMailbox(db, box.address);
    if (!found) throw new Error('no mailbox');
    const store = groupedInboundStore({ db, jobs: t.deps.jobs });
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) =>
        store({
          raw: await compose({
            from: `c${i}@example.com`,
            to: box.address,
            subject: `s${i}`,
            text: 'x',
            messageId: `<stat${i}-${unique()}@example.com>`,
          }),
          recipients: [{ ...found, recipient: box.address }],
          source: 'smtp',
        }),
      ),
    );
    for (const table of TABLES) await sql.raw(`ANALYZE ${table}`).execute(db.kysely);

    const targets = await sql<{ table: string; target: number }>`
      SELECT attrelid::regclass::text AS table, attstattarget AS target FROM pg_attribute
      WHERE attname = 'workspace_id' AND attrelid = ANY(${TABLES}::regclass[])`.execute(db.kysely);
    expect(targets.rows.map((r) => [r.table, Number(r.target)]).sort()).toEqual(
      TABLES.map((n) => [n, 0]).sort(),
    );
    const stats = await sql<{ attname: string }>`
      SELECT attname FROM pg_stats WHERE tablename = 'inbound_emails' AND schemaname = 'public'`.execute(
      db.kysely,
    );
    const columns = stats.rows.map((r) => r.attname);
    expect(columns).toContain('message_id');
    expect(columns).not.toContain('workspace_id');
    const others = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stats
      WHERE tablename = ANY(${TABLES}) AND schemaname = 'public' AND attname = 'workspace_id'`.execute(
      db.kysely,
    );
    expect(others.rows[0]?.n).toBe(0);
  });
});
