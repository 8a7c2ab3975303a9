import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { asSystem } from '../../db/tenant.js';
import { testDatabase } from '../../test/db.js';
import { SWEEP_CHECKS } from './sweep-checks.js';
import { dueTicketsQuery } from './sweep-repository.js';

const db = await testDatabase();

const INDEX = {
  response_due_at: 'support_tickets_response_sweep_idx',
  resolution_due_at: 'support_tickets_resolution_sweep_idx',
  response_warning_at: 'support_tickets_response_warning_sweep_idx',
  resolution_warning_at: 'support_tickets_resolution_warning_sweep_idx',
} as const;

describe('SLA sweep indexes', () => {
  // The test database is small, so the planner would rightly scan the table (or, on PostgreSQL 18,
  // bitmap-scan the index and sort the few rows; or, once autovacuum has analyzed the tables other test
  // files fill, read another index and sort); with these priced out, a plan on the partial index proves
  // that the sweep's predicate matches the index's, and no Sort (priced out, not forbidden) that its order
  // serves the query.
  // (bench/sla.ts shows the planner choosing them by itself at a million tickets.)
  it.each(SWEEP_CHECKS.map((c) => [`${c.target} ${c.effect}`, c] as const))(
    'the %s query can read its partial index, also for the next page',
    async (_name, check) => {
      for (const after of [null, { id: 1, workspace_id: 1, at: new Date('2020-01-01T00:00:00Z') }]) {
        const plan = await asSystem(db, async (tx) => {
          await sql`SET LOCAL enable_seqscan = off`.execute(tx);
          await sql`SET LOCAL enable_bitmapscan = off`.execute(tx);
          await sql`SET LOCAL enable_sort = off`.execute(tx);
          const query = dueTicketsQuery(check, new Date(), after, 500);
          const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN ${query}`.execute(tx);
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        });
        expect(plan).toContain(`Index Scan using ${INDEX[check.time]}`);
        expect(plan).not.toContain('Sort');
      }
    },
  );
});
