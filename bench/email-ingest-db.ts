/** Database steps of bench/email-ingest.ts: the big workspace's fill, and waiting for the product. */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Database } from '../src/db/client.js';
import { asSystem } from '../src/db/tenant.js';
import { priorityOf } from '../src/test/factories.js';

/**
 * `n` tickets of `n / 2` customers (two each), as a shop that grew to that size has them: the senders'
 * lookup by address then searches a workspace of that many customers, not of one.
 */
export async function fill(db: Database, workspaceId: number, n: number): Promise<void> {
  if (n === 0) return;
  const ws = await asSystem(db, (tx) =>
    tx.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirstOrThrow(),
  );
  const priority = (await priorityOf(db, ws)).id;
  const customers = Math.ceil(n / 2);
  await asSystem(db, async (tx) => {
    await sql`INSERT INTO customers (workspace_id, email, name)
        SELECT ${workspaceId}, 'old' || g || '@customers.test', 'Old customer ' || g
        FROM generate_series(1, ${customers}) g`.execute(tx);
    await sql`INSERT INTO support_tickets (workspace_id, customer_id, ticket_number, subject, description, priority_id, channel)
        SELECT ${workspaceId}, c.id, 'OLD-' || g, 'old ticket ' || g, 'old', ${priority}, 'email'
        FROM generate_series(1, ${n}) g
        JOIN (SELECT id, row_number() OVER (ORDER BY id) AS k FROM customers WHERE workspace_id = ${workspaceId}) c
          ON c.k = g % ${customers} + 1`.execute(tx);
  });
}

/** Waits until none of the workspace's stored mail is left unprocessed; returns when that was. */
export async function processedBy(db: Database, workspaceId: number, expected: number): Promise<number> {
  // Polled every 25 ms while the product works: one probe of the listing index (is any of the
  // workspace's mail still waiting?), not a count of all of it, which grew to 5 ms a call at 10,000 mails
  // and took PostgreSQL's time from the product. The count runs once nothing waits.
  for (;;) {
    const waiting = await asSystem(db, (tx) =>
      tx
        .selectFrom('inbound_emails')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'received')
        .limit(1)
        .executeTakeFirst(),
    );
    if (!waiting) {
      const at = performance.now();
      const all = await asSystem(db, (tx) =>
        tx
          .selectFrom('inbound_emails')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('workspace_id', '=', workspaceId)
          .executeTakeFirstOrThrow(),
      );
      if (Number(all.n) >= expected) return at;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Waits until none of the workspace's outgoing mail is waiting or being sent (--acknowledge: the
 * acknowledgements of the new tickets); when that was, and how many were sent.
 */
export async function acknowledgedBy(db: Database, workspaceId: number) {
  for (;;) {
    const rows = await asSystem(db, (tx) =>
      tx
        .selectFrom('outbound_emails')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('workspace_id', '=', workspaceId)
        .groupBy('status')
        .execute(),
    );
    const count = (pred: (s: string) => boolean) =>
      rows.filter((r) => pred(r.status)).reduce((n, r) => n + Number(r.n), 0);
    if (count((s) => s === 'pending' || s === 'sending') === 0)
      return { at: performance.now(), sent: count((s) => s === 'sent'), other: count((s) => s !== 'sent') };
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The bench's fill writes 100,000 tickets in one statement just before the mail comes in; a workspace
 * that grew to that size over months has planner statistics that know it. Without them the fill is
 * planned as the handful of rows the tables held before — index scans of the whole workspace inside
 * nested loops, and, worse, the foreign-key checks' plans cached by every connection of the running
 * product (a sequential scan of a table that was small: 0.7 s per batch of 50 mails). A server with
 * autovacuum on analyzes such a change within a minute or two (this machine's CI PostgreSQL runs with it
 * off, README "Performance"); either way the bench analyzes at once and measures the settled state.
 */
export async function analyzeAfterFill(db: Database): Promise<void> {
  await db.raw.query('ANALYZE');
}

export async function autovacuumSetting(db: Database): Promise<string> {
  const on = await db.raw.query<{ autovacuum: string }>('SHOW autovacuum');
  return on.rows[0]?.autovacuum ?? 'unknown';
}
