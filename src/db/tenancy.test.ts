import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test/db.js';
import { asAppRoleWithoutWorkspace, asSystem, inWorkspace, TRANSACTION_GUARD } from './tenant.js';
import { listMigrations, migrate, pendingMigrations } from './migrate.js';

async function twoWorkspacesWithCustomers() {
  const db = await testDatabase();
  const tag = Math.random().toString(36).slice(2, 8);
  const ids = await asSystem(db, async (tx) => {
    const ws = await tx
      .insertInto('workspaces')
      .values([
        { slug: `rls-a-${tag}`, name: 'A', ticket_prefix: `A${tag.toUpperCase()}` },
        { slug: `rls-b-${tag}`, name: 'B', ticket_prefix: `B${tag.toUpperCase()}` },
      ])
      .returning('id')
      .execute();
    const [a, b] = ws.map((w) => w.id) as [number, number];
    await tx
      .insertInto('customers')
      .values([
        { workspace_id: a, email: `x-${tag}@a.test` },
        { workspace_id: b, email: `y-${tag}@b.test` },
      ])
      .execute();
    return { a, b };
  });
  return { db, ...ids };
}

describe('migrations', () => {
  it('are applied once and are idempotent', async () => {
    const db = await testDatabase();
    expect(await pendingMigrations(db.raw)).toEqual([]);
    expect(await migrate(db.raw)).toEqual([]);
    const rows = await db.raw.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(rows.rows.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
  });

  it('enable row-level security on every table that has workspace_id', async () => {
    const db = await testDatabase();
    const rows = await db.raw.query<{ table_name: string; rls: boolean }>(`
      SELECT c.relname AS table_name, c.relrowsecurity AS rls
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'workspace_id')`);
    expect(rows.rows.length).toBeGreaterThan(20);
    expect(rows.rows.filter((r) => !r.rls).map((r) => r.table_name)).toEqual([]);
  });
});

describe('row-level security', () => {
  it('shows nothing when no workspace is set', async () => {
    const { db } = await twoWorkspacesWithCustomers();
    const seen = await asAppRoleWithoutWorkspace(db, async (tx) => {
      const customers = await tx.selectFrom('customers').select('id').execute();
      const workspaces = await tx.selectFrom('workspaces').select('id').execute();
      return customers.length + workspaces.length;
    });
    expect(seen).toBe(0);
  });

  it('shows only the rows of the workspace set for the transaction', async () => {
    const { db, a, b } = await twoWorkspacesWithCustomers();
    const seen = await inWorkspace(db, a, (tx) =>
      tx.selectFrom('customers').select('workspace_id').execute(),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.workspace_id))).toEqual(new Set([a]));
    const forB = await inWorkspace(db, b, (tx) =>
      tx.selectFrom('customers').select('workspace_id').execute(),
    );
    expect(forB.every((r) => r.workspace_id === b)).toBe(true);
  });

  it('refuses to write a row into another workspace', async () => {
    const { db, a, b } = await twoWorkspacesWithCustomers();
    await expect(
      inWorkspace(db, a, (tx) =>
        tx.insertInto('customers').values({ workspace_id: b, email: 'sneaky@b.test' }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('does not leak the workspace setting into the next transaction', async () => {
    const { db, a } = await twoWorkspacesWithCustomers();
    await inWorkspace(db, a, async () => undefined);
    const after = await asAppRoleWithoutWorkspace(db, async (tx) => {
      const r = await sql<{
        ws: string | null;
        role: string;
      }>`SELECT app_workspace_id()::text AS ws, current_user AS role`.execute(tx);
      return r.rows[0];
    });
    expect(after).toEqual({ ws: null, role: 'bfg2_app' });
  });

  it('refuses a transaction opened inside another instead of deadlocking', async () => {
    // On where tests and `npm run dev` run; the shipped bundle leaves it out (tenant.ts says why).
    expect(TRANSACTION_GUARD).toBe(true);
    const { db, a } = await twoWorkspacesWithCustomers();
    await expect(inWorkspace(db, a, () => asSystem(db, async () => 1))).rejects.toThrow(/inside another/);
    // The outer transaction's failure leaves the database usable.
    expect(await inWorkspace(db, a, async () => 2)).toBe(2);
  });

  it('rejects a foreign key pointing into another workspace', async () => {
    const { db, a, b } = await twoWorkspacesWithCustomers();
    await expect(
      asSystem(db, async (tx) => {
        const cust = await tx
          .selectFrom('customers')
          .select('id')
          .where('workspace_id', '=', b)
          .executeTakeFirstOrThrow();
        const prio = await tx
          .insertInto('ticket_priorities')
          .values({ workspace_id: a, code: 'p', name: 'P' })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('support_tickets')
          .values({
            workspace_id: a,
            customer_id: cust.id,
            priority_id: prio.id,
            ticket_number: `X-${Date.now()}`,
            subject: 's',
            description: 'd',
          })
          .execute();
      }),
    ).rejects.toThrow(/foreign key/);
  });
});
