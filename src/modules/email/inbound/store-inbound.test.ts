/**
 * Group commit of the listener's store and batch processing (bench/email-ingest.ts, issue 14 point 10):
 * mails arriving together share a transaction, yet each is stored once per workspace with its job, a bad
 * one fails alone, and a batch processes good mail around an unreadable one.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../../db/tenant.js';
import { JOB_SCHEMA } from '../../../platform/jobs/pg-boss-queue.js';
import { testApp } from '../../../test/app.js';
import { buildWorkspace, unique } from '../../../test/factories.js';
import { processInboundBatch } from './process-inbound.js';
import { findRecipientMailbox } from './recipients.js';
import { groupedInboundStore } from './store-inbound.js';
import { compose, createMailbox, inboundKit, processDeps } from './test-kit.js';

const t = await testApp();
const { db } = t;

async function recipientOf(address: string) {
  const m = await findRecipientMailbox(db, address);
  if (!m) throw new Error(`no mailbox ${address}`);
  return { ...m, recipient: address };
}

describe('the grouped inbound store', () => {
  it('stores concurrent mails in shared transactions, each once per workspace, each with its job', async () => {
    const ws = await buildWorkspace(db);
    const other = await buildWorkspace(db);
    const box = await createMailbox(t, ws);
    const otherBox = await createMailbox(t, other);
    const store = groupedInboundStore({ db, jobs: t.deps.jobs });
    const twice = `<twice-${unique()}@example.com>`;
    const ids = [...Array.from({ length: 20 }, (_, i) => `<g${i}-${unique()}@example.com>`), twice, twice];
    const both = `<both-${unique()}@example.com>`;
    const results = await Promise.all([
      ...ids.map(async (messageId) =>
        store({
          raw: await compose({ from: 'a@example.com', to: box.address, subject: 's', text: 'x', messageId }),
          recipients: [await recipientOf(box.address)],
          source: 'smtp',
        }),
      ),
      (async () =>
        store({
          raw: await compose({
            from: 'a@example.com',
            to: [box.address, otherBox.address],
            subject: 'both',
            text: 'x',
            messageId: both,
          }),
          recipients: [await recipientOf(box.address), await recipientOf(otherBox.address)],
          source: 'smtp',
        }))(),
    ]);
    // One of the two deliveries of `twice` got the row (whichever came first); the mail to two
    // workspaces got one in each.
    expect(results.slice(0, 20).map((r) => r.length)).toEqual(ids.slice(0, 20).map(() => 1));
    expect((results[20]?.length ?? 0) + (results[21]?.length ?? 0)).toBe(1);
    expect(results[22]).toHaveLength(2);
    const rows = await asSystem(db, (tx) =>
      sql<{ id: number; workspace_id: number; message_id: string; tx: string }>`
        SELECT id, workspace_id, message_id, xmin::text AS tx FROM inbound_emails
        WHERE workspace_id IN (${ws.id}, ${other.id})`.execute(tx),
    );
    expect(rows.rows).toHaveLength(23);
    expect(new Set(rows.rows.map((r) => `${r.workspace_id} ${r.message_id}`)).size).toBe(23);
    // Shared commits: far fewer transactions than mails.
    expect(new Set(rows.rows.map((r) => r.tx)).size).toBeLessThan(12);
    const jobs = await asSystem(db, (tx) =>
      sql<{ workspace_id: string; ids: number[]; tx: string }>`
        SELECT data->>'workspaceId' AS workspace_id,
          ARRAY(SELECT jsonb_array_elements_text(data->'inboundEmailIds')::bigint) AS ids, xmin::text AS tx
        FROM ${sql.raw(JOB_SCHEMA)}.job
        WHERE name = 'email.process' AND (data->>'workspaceId')::bigint IN (${ws.id}, ${other.id})`.execute(
        tx,
      ),
    );
    // Every stored mail is named by exactly one job, of its workspace.
    const named = jobs.rows.flatMap((j) => j.ids.map((id) => `${j.workspace_id} ${Number(id)}`));
    expect(named.sort()).toEqual(rows.rows.map((r) => `${r.workspace_id} ${r.id}`).sort());
    // One job per workspace and commit, committed with its mails (the same transaction): neither exists
    // without the other.
    const txOf = new Map(rows.rows.map((r) => [Number(r.id), r.tx]));
    for (const j of jobs.rows) for (const id of j.ids) expect(j.tx).toBe(txOf.get(Number(id)));
    expect(new Set(jobs.rows.map((j) => `${j.workspace_id} ${j.tx}`)).size).toBe(jobs.rows.length);
    expect(jobs.rows.length).toBeLessThan(rows.rows.length);
  });

  it('fails a bad mail alone when its group cannot commit', async () => {
    const ws = await buildWorkspace(db);
    const box = await createMailbox(t, ws);
    const store = groupedInboundStore({ db, jobs: t.deps.jobs });
    const good = await recipientOf(box.address);
    // A recipient naming a workspace that does not exist: its row breaks the group's INSERT.
    const broken = { ...good, workspaceId: 2 ** 40 };
    const raw = (messageId: string) =>
      compose({ from: 'a@example.com', to: box.address, subject: 's', text: 'x', messageId });
    // Composed first, then stored in one go: an await between the calls would let the bad mail's promise
    // reject before allSettled holds it (an unhandled rejection).
    const [ok1, bad, ok2, ok3] = await Promise.all(
      ['ok1', 'bad', 'ok2', 'ok3'].map((name) => raw(`<${name}-${unique()}@x>`)),
    );
    const outcomes = await Promise.allSettled([
      store({ raw: ok1!, recipients: [good], source: 'smtp' }),
      store({ raw: bad!, recipients: [broken], source: 'smtp' }),
      store({ raw: ok2!, recipients: [good], source: 'smtp' }),
      store({ raw: ok3!, recipients: [good], source: 'smtp' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const count = await inWorkspace(db, ws.id, (tx) =>
      tx
        .selectFrom('inbound_emails')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    expect(Number(count.n)).toBe(3);
  });
});

describe('batch processing', () => {
  it('processes good mail around an unreadable one, which is kept as failed', async () => {
    const ws = await buildWorkspace(db);
    const box = await createMailbox(t, ws);
    const store = groupedInboundStore({ db, jobs: t.deps.jobs });
    const recipients = [await recipientOf(box.address)];
    const first = `<first-${unique()}@example.com>`;
    const stored = [
      ...(await store({
        raw: await compose({
          from: 'c@example.com',
          to: box.address,
          subject: 'One',
          text: 'a',
          messageId: first,
        }),
        recipients,
        source: 'smtp',
      })),
      ...(await store({
        raw: Buffer.from(
          `To: ${box.address}\r\nSubject: nobody\r\nMessage-ID: <nf-${unique()}@x>\r\n\r\nno sender\r\n`,
        ),
        recipients,
        source: 'imap',
      })),
      ...(await store({
        // The reply, in the same batch as the mail it answers: threaded onto its ticket.
        raw: await compose({
          from: 'c@example.com',
          to: box.address,
          subject: 'Re: One',
          text: 'b',
          inReplyTo: first,
        }),
        recipients,
        source: 'smtp',
      })),
    ];
    const failed = await processInboundBatch(
      processDeps(t),
      stored.map((inboundEmailId) => ({ workspaceId: ws.id, inboundEmailId })),
    );
    expect(failed).toEqual([{ workspaceId: ws.id, inboundEmailId: stored[1] }]);
    const rows = await inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('inbound_emails').select(['id', 'status', 'ticket_id']).orderBy('id').execute(),
    );
    expect(rows.map((r) => r.status)).toEqual(['processed', 'failed', 'processed']);
    expect(rows[2]?.ticket_id).toBe(rows[0]?.ticket_id);
    // Processed once: the jobs of the batch's mails run again and change nothing.
    expect(
      await processInboundBatch(
        processDeps(t),
        stored.map((inboundEmailId) => ({ workspaceId: ws.id, inboundEmailId })),
      ),
    ).toEqual([]);
    const tickets = await inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('support_tickets').select('id').execute(),
    );
    expect(tickets).toHaveLength(1);
  });
});

describe('how stored mail is compressed (migration 0067)', () => {
  it('compresses the raw mail and its message with LZ4 where the server has it, else with pglz', async () => {
    // Whether this server was built with LZ4: a column cannot be declared with it otherwise.
    const lz4 = await db.raw
      .transaction(async (tx) => {
        await tx.query('CREATE TEMP TABLE lz4_probe (v text COMPRESSION lz4) ON COMMIT DROP');
        return true;
      })
      .catch(() => false);
    const k = await inboundKit(t);
    // Long and repetitive, as a quoted mail chain is: stored compressed, not as it came.
    const text = Array.from({ length: 200 }, (_, i) => `> line ${i % 7} of the quoted history`).join('\n');
    const opening = `<long-${unique()}@example.com>`;
    const first = await k.send({ from: 'long@example.com', subject: 'Long', text, messageId: opening });
    const reply = await k.send({ from: 'long@example.com', subject: 'Re: Long', text, inReplyTo: opening });
    expect(reply.ticket_id).toBe(first.ticket_id);
    const [stored] = await inWorkspace(db, k.ws.id, (tx) =>
      sql<Record<string, string | null>>`
        SELECT pg_column_compression(e.raw) AS raw, pg_column_compression(t.description) AS description,
               pg_column_compression(m.message) AS message
        FROM inbound_emails e
        JOIN support_tickets t ON t.id = e.ticket_id
        JOIN support_ticket_messages m ON m.ticket_id = t.id AND m.id = (
          SELECT max(id) FROM support_ticket_messages WHERE ticket_id = t.id)
        WHERE e.id = ${first.id}`
        .execute(tx)
        .then((r) => r.rows),
    );
    const method = lz4 ? 'lz4' : 'pglz';
    expect(stored).toEqual({ raw: method, description: method, message: method });
  });
});
