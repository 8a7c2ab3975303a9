/**
 * keyedWorkspace (src/db/tenant.ts): the lookups by keys on the mail path read their rows by key in a
 * workspace that grew after the last ANALYZE. The planner then believes the workspace empty, and with
 * `workspace_id = <constant>` any index that starts with workspace_id looked as cheap as the key's own:
 * it read the whole workspace per key (bench/email-ingest.ts, the empty workspace: 700 rows per ticket
 * looked up at 1,500 tickets, growing with the workspace). A database of its own, so that its statistics
 * are this test's.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.js';
import { asSystem, inWorkspace, type Tx } from '../../../db/tenant.js';
import type { Workspace } from '../../../db/schema.js';
import { privateDatabase, type PrivateDatabase } from '../../../test/db.js';
import { buildWorkspace, priorityOf } from '../../../test/factories.js';
import { ticketsForFacts } from '../../analytics/repository.js';
import { findOrCreateCustomers } from '../../customers/create-customer.js';
import { addCustomerReplies } from '../../messages/add-customer-replies.js';
import { findTickets } from '../../notifications/repository.js';
import { ticketHooks } from '../../../ticket-hooks.js';
import { acknowledgementVerdicts } from '../outbound/acknowledge.js';
import { ccOfTickets } from '../outbound/recipients.js';
import { threadsOf } from '../outbound/thread.js';
import { findThread, ticketsByMessageIds } from './find-thread.js';

let own: PrivateDatabase;
let db: Database;
let old: Workspace;
let young: Workspace;
/** The workspaces' tickets (and customers): the old one large enough that reading a table whole is no
 * bargain to the planner, the young one as the bench's empty workspace grew to. */
const OLD = 20_000;
const SIZE = 1500;

/** `n` tickets of their own customers, each with the stored mail that opened it (`<t<i>-<ws>@test>`). */
async function fill(ws: Workspace, n: number): Promise<void> {
  const priority = (await priorityOf(db, ws)).id;
  await asSystem(db, async (tx) => {
    await sql`INSERT INTO customers (workspace_id, email, name)
      SELECT ${ws.id}, 'c' || g || '-' || ${ws.id} || '@example.com', 'C' || g FROM generate_series(1, ${n}) g`.execute(
      tx,
    );
    await sql`INSERT INTO support_tickets (workspace_id, customer_id, ticket_number, subject, description,
        priority_id, channel)
      SELECT ${ws.id}, c.id, 'T' || ${ws.id} || '-' || c.id, 'subject ' || c.id, 'text', ${priority}, 'email'
      FROM customers c WHERE c.workspace_id = ${ws.id}`.execute(tx);
    await sql`INSERT INTO inbound_emails (workspace_id, mailbox, message_id, raw, source, status, ticket_id)
      SELECT ${ws.id}, 'support@example.com', '<t' || t.id || '-' || ${ws.id} || '@test>', '\\x00', 'smtp',
        'processed', t.id
      FROM support_tickets t WHERE t.workspace_id = ${ws.id}`.execute(tx);
  });
}

/**
 * Rows of the table read in this transaction so far: by sequential scans (counted on the table) and
 * index entries read by index scans (counted on each index).
 */
async function rowsRead(tx: Tx, table: string): Promise<number> {
  const r = await sql<{ n: string }>`SELECT pg_stat_get_xact_tuples_returned(${table}::regclass)
      + (SELECT coalesce(sum(pg_stat_get_xact_tuples_returned(indexrelid)), 0) FROM pg_index
         WHERE indrelid = ${table}::regclass) AS n`.execute(tx);
  return Number(r.rows[0]?.n);
}

/** The rows of each table that `fn` reads. */
async function readBy(
  ws: Workspace,
  tables: string[],
  fn: (tx: Tx) => Promise<unknown>,
): Promise<Record<string, number>> {
  return inWorkspace(db, ws.id, async (tx) => {
    const before = await Promise.all(tables.map((t) => rowsRead(tx, t)));
    await fn(tx);
    const after = await Promise.all(tables.map((t) => rowsRead(tx, t)));
    return Object.fromEntries(tables.map((t, i) => [t, (after[i] ?? 0) - (before[i] ?? 0)]));
  });
}

const first = async (ws: Workspace, n: number) =>
  (
    await asSystem(db, (tx) =>
      tx
        .selectFrom('support_tickets')
        .select(['id', 'customer_id'])
        .where('workspace_id', '=', ws.id)
        .orderBy('id')
        .limit(n)
        .execute(),
    )
  ).map((t) => ({ id: Number(t.id), customerId: Number(t.customer_id) }));

beforeAll(async () => {
  own = await privateDatabase();
  db = await openDatabase({ databaseUrl: own.url, dataDir: '', poolSize: 3 });
  old = await buildWorkspace(db);
  await fill(old, OLD);
  // The statistics know the old workspace only; the young one fills after them.
  await db.raw.query('ANALYZE customers, support_tickets, inbound_emails, support_ticket_messages');
  young = await buildWorkspace(db);
  await fill(young, SIZE);
}, 60_000);
afterAll(async () => {
  await db.close();
  await own.drop();
});

describe('lookups by keys in a workspace younger than its statistics', () => {
  const KEYS = 40;

  it('threads by Message-ID reading one ticket and one customer per id', async () => {
    const tickets = await first(young, KEYS);
    const ids = tickets.map((t) => `<t${t.id}-${young.id}@test>`);
    let found = 0;
    const read = await readBy(young, ['support_tickets', 'customers'], async (tx) => {
      found = (await ticketsByMessageIds(tx, young.id, ids)).size;
    });
    expect(found).toBe(KEYS);
    // By key: one row each (a little slack for the planner's own reads), not the workspace per id.
    expect(read.support_tickets).toBeLessThanOrEqual(KEYS * 2);
    expect(read.customers).toBeLessThanOrEqual(KEYS * 2);
  });

  it('reads the tickets of notifications and of the statistics by key', async () => {
    const ids = (await first(young, KEYS)).map((t) => t.id);
    const read = await readBy(young, ['support_tickets'], async (tx) => {
      expect(await findTickets(tx, young.id, ids)).toHaveLength(KEYS);
      expect(await ticketsForFacts(tx, young.id, ids)).toHaveLength(KEYS);
    });
    expect(read.support_tickets).toBeLessThanOrEqual(KEYS * 4);
  });

  it('finds the senders by address by key', async () => {
    const senders = Array.from({ length: KEYS }, (_, i) => ({ email: `c${i + 1}-${young.id}@example.com` }));
    let known = 0;
    const read = await readBy(young, ['customers'], async (tx) => {
      known = (await findOrCreateCustomers(tx, young.id, senders)).size;
    });
    expect(known).toBe(KEYS);
    expect(read.customers).toBeLessThanOrEqual(KEYS * 2);
  });

  it('adds customer replies locking and moving their tickets by key', async () => {
    const tickets = await first(young, KEYS);
    const read = await readBy(young, ['support_tickets', 'customers'], async (tx) => {
      const results = await addCustomerReplies(
        { tx, workspaceId: young.id, now: new Date(), hooks: ticketHooks() },
        tickets.map((t) => ({ ticketId: t.id, customerId: t.customerId, message: 'thanks' })),
      );
      expect(results).toHaveLength(KEYS);
    });
    // A handful of index entries per ticket — locked, updated, the new messages' foreign-key checks —
    // and the senders once each; not the workspace (1,500 tickets) per statement.
    expect(read.support_tickets).toBeLessThanOrEqual(KEYS * 6);
    expect(read.customers).toBeLessThanOrEqual(KEYS * 2);
  });

  it("reads a ticket's mail by ticket for its customer mail: first classification, thread, Cc", async () => {
    const tickets = await first(young, KEYS);
    const ids = tickets.map((t) => t.id);
    let threads = new Map<number, string[]>();
    let verdicts: { send: boolean }[] = [];
    const read = await readBy(young, ['inbound_emails'], async (tx) => {
      threads = await threadsOf(tx, young.id, ids);
      await ccOfTickets(
        tx,
        young.id,
        ids.map((id) => ({ id, customerEmail: 'nobody@example.com' })),
      );
      verdicts = await acknowledgementVerdicts(tx, {
        workspaceId: young.id,
        capPerHour: 3,
        candidates: ids.map((ticketId) => ({
          ticketId,
          mailbox: null,
          ticket: { channel: 'email', customer_email: `x${ticketId}@example.com` },
        })),
      });
    });
    expect(threads.get(ids[0]!)).toEqual([`<t${ids[0]}-${young.id}@test>`]);
    expect(verdicts.every((v) => v.send)).toBe(true);
    // Three reads of one mail per ticket (a little slack), not the workspace's mail each.
    expect(read.inbound_emails).toBeLessThanOrEqual(KEYS * 3 * 2);
  });

  it('threads by the ticket number in the subject reading the ticket by its number', async () => {
    const [ticket] = await first(young, 1);
    if (!ticket) throw new Error('no ticket');
    const clues = (subject: string) => ({ recipients: [], mailboxAddresses: [], referencedIds: [], subject });
    for (const ref of [`T${young.id}-${ticket.customerId}`, `t${young.id}-${ticket.customerId}`]) {
      let found: number | undefined;
      const read = await readBy(young, ['support_tickets'], async (tx) => {
        found = (await findThread(tx, young.id, clues(`Re: [#${ref}] my order`), 'someone@example.com'))
          ?.ticket.id;
      });
      expect(found).toBe(ticket.id);
      expect(read.support_tickets).toBeLessThanOrEqual(10);
    }
    // Digits alone: the number after the prefix, in the young workspace only.
    const read = await readBy(young, ['support_tickets'], async (tx) => {
      const target = await findThread(tx, young.id, clues(`[#${ticket.customerId}]`), 'someone@example.com');
      expect(target?.ticket.id).toBe(ticket.id);
      expect(target?.rule).toBe('subject');
    });
    expect(read.support_tickets).toBeLessThanOrEqual(10);
  });

  it("answers nothing through migration 0065's functions for another workspace than the transaction's", async () => {
    const [oldTicket] = await first(old, 1);
    if (!oldTicket) throw new Error('no ticket');
    const ask = (ws: Workspace) =>
      inWorkspace(db, young.id, async (tx) => {
        const customers = await sql<{ id: string }>`
          SELECT support_customer_ids_by_emails(${ws.id}, ${[`c1-${ws.id}@example.com`]}::text[]) AS id`.execute(
          tx,
        );
        const tickets = await sql<{ id: string }>`
          SELECT support_ticket_ids_by_number(${ws.id}, ${`T${ws.id}-${oldTicket.customerId}`}) AS id`.execute(
          tx,
        );
        const acks = await sql<{ n: string }>`
          SELECT support_acknowledgements_since(${ws.id}, 'c1@example.com', now() - interval '1 day') AS n`.execute(
          tx,
        );
        return {
          customers: customers.rows.length,
          tickets: tickets.rows.length,
          acks: Number(acks.rows[0]?.n),
        };
      });
    // The old workspace's customer and ticket exist, but the transaction is the young workspace's.
    expect(await ask(old)).toEqual({ customers: 0, tickets: 0, acks: 0 });
    // Its own: the young workspace's first customer is found (its tickets are numbered by customer id).
    expect((await ask(young)).customers).toBe(1);
    // Outside any workspace (no tenant set), nothing either.
    const none = await asSystem(db, (tx) =>
      sql<{
        id: string;
      }>`SELECT support_customer_ids_by_emails(${old.id}, ${[`c1-${old.id}@example.com`]}::text[]) AS id`.execute(
        tx,
      ),
    );
    expect(none.rows).toHaveLength(0);
  });
});
