/**
 * Inbound mail processed in batches (processInboundBatch): mails stored together are taken in one batch,
 * threaded onto tickets opened earlier in the same batch, each processed once. The single-mail cases are
 * in process-inbound.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../../db/tenant.js';
import { testApp } from '../../../test/app.js';
import { unique } from '../../../test/factories.js';
import { processInboundBatch } from './process-inbound.js';
import { findRecipientMailbox } from './recipients.js';
import { storeInboundMail } from './store-inbound.js';
import { compose, inboundKit } from './test-kit.js';

const t = await testApp();
const { db } = t;

const events = (wsId: number) =>
  inWorkspace(db, wsId, (tx) => tx.selectFrom('domain_events').select('type').orderBy('id').execute()).then(
    (r) => r.map((e) => e.type),
  );

/** Stores mails for the kit's mailbox without processing them; `ids` collects their rows. */
async function batchStore(k: Awaited<ReturnType<typeof inboundKit>>) {
  const recipient = await findRecipientMailbox(db, k.mailbox.address);
  if (!recipient) throw new Error('no mailbox');
  const ids: number[] = [];
  const store = async (mail: Parameters<typeof compose>[0]) => {
    const raw = await compose({ to: k.mailbox.address, ...mail });
    ids.push(
      ...(await storeInboundMail(
        { db, jobs: t.deps.jobs },
        { raw, recipients: [{ ...recipient, recipient: k.mailbox.address }], source: 'smtp' },
      )),
    );
  };
  const process = () =>
    processInboundBatch(
      k.deps,
      ids.map((inboundEmailId) => ({ workspaceId: k.ws.id, inboundEmailId })),
    );
  const rows = () =>
    inWorkspace(db, k.ws.id, (tx) =>
      tx.selectFrom('inbound_emails').selectAll().where('id', 'in', ids).orderBy('id').execute(),
    );
  return { ids, store, process, rows };
}

describe('inbound mail: processed in one batch', () => {
  it('threads a reply onto a ticket opened earlier in the same batch and onto older ones, each once', async () => {
    const k = await inboundKit(t);
    const old = await k.send({
      from: 'old@example.com',
      subject: 'Older question',
      text: 'first',
      messageId: `<old-${unique()}@example.com>`,
    });
    const { ids, store } = await batchStore(k);
    const fresh = `<fresh-${unique()}@example.com>`;
    await store({ from: 'new@example.com', subject: 'New question', text: 'hello', messageId: fresh });
    await store({
      from: 'new@example.com',
      subject: 'Re: New question',
      text: 'more',
      messageId: `<r1-${unique()}@example.com>`,
      inReplyTo: fresh,
    });
    await store({
      from: 'old@example.com',
      subject: 'Re: Older question',
      text: 'again',
      messageId: `<r2-${unique()}@example.com>`,
      inReplyTo: old.message_id,
    });
    // A stranger quoting the old Message-ID opens a ticket of their own.
    await store({
      from: 'stranger@example.com',
      subject: 'Re: Older question',
      text: 'me too',
      messageId: `<r3-${unique()}@example.com>`,
      references: [old.message_id],
    });
    const failed = await processInboundBatch(
      k.deps,
      ids.map((inboundEmailId) => ({ workspaceId: k.ws.id, inboundEmailId })),
    );
    expect(failed).toEqual([]);
    const rows = await inWorkspace(db, k.ws.id, (tx) =>
      tx.selectFrom('inbound_emails').selectAll().where('id', 'in', ids).orderBy('id').execute(),
    );
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(4).fill(['processed', 1]));
    const [opened, reply1, reply2, stranger] = rows;
    expect(reply1?.ticket_id).toBe(opened?.ticket_id);
    expect(reply2?.ticket_id).toBe(old.ticket_id);
    expect(stranger?.ticket_id).not.toBe(old.ticket_id);
    expect(await k.tickets()).toHaveLength(3);
    // Each reply became one message carrying its Message-ID; the stored rows are the mails' receipts (one
    // per workspace and Message-ID, processed once): no other is written.
    for (const r of [reply1, reply2]) {
      const messages = await k.messages(r?.ticket_id as number);
      const mine = messages.filter((m) => m.email_message_id === r?.message_id);
      expect(mine.map((m) => m.id)).toEqual([r?.message_row_id]);
    }
    const receipts = await inWorkspace(db, k.ws.id, (tx) =>
      tx.selectFrom('inbound_receipts').select('external_id').where('channel', '=', 'email').execute(),
    );
    expect(receipts).toEqual([]);
    // Processing the same jobs again changes nothing.
    expect(
      await processInboundBatch(
        k.deps,
        ids.map((inboundEmailId) => ({ workspaceId: k.ws.id, inboundEmailId })),
      ),
    ).toEqual([]);
    expect(await k.tickets()).toHaveLength(3);
  });
});

describe('inbound mail: plain mails of a batch taken together', () => {
  it('makes one customer of one new sender, numbers new tickets in order, threads and reopens', async () => {
    const k = await inboundKit(t);
    const old = await k.send({
      from: 'old@example.com',
      subject: 'Older question',
      text: 'first',
      messageId: `<old-${unique()}@example.com>`,
    });
    const done = await k.send({
      from: 'done@example.com',
      subject: 'Solved question',
      text: 'first',
      messageId: `<done-${unique()}@example.com>`,
    });
    await asSystem(db, (tx) =>
      tx
        .updateTable('support_tickets')
        .set({ status: 'resolved' })
        .where('id', '=', done.ticket_id)
        .execute(),
    );
    const before = (await events(k.ws.id)).length;
    const { store, process, rows } = await batchStore(k);
    await store({
      from: 'Dee <dee@example.com>',
      subject: 'One',
      text: 'first of two',
      messageId: `<d1-${unique()}@example.com>`,
    });
    await store({
      from: 'old@example.com',
      subject: 'Re: Older question',
      text: 'any news?',
      messageId: `<o2-${unique()}@example.com>`,
      inReplyTo: old.message_id,
    });
    await store({
      from: 'DEE@Example.com',
      subject: 'Two',
      text: 'second of two',
      messageId: `<d2-${unique()}@example.com>`,
    });
    await store({
      from: 'done@example.com',
      subject: 'Re: Solved question',
      text: 'it broke again',
      messageId: `<x2-${unique()}@example.com>`,
      inReplyTo: done.message_id,
    });
    expect(await process()).toEqual([]);
    const [d1, o2, d2, x2] = await rows();
    expect([d1, o2, d2, x2].map((r) => r?.status)).toEqual(Array(4).fill('processed'));
    expect(o2?.ticket_id).toBe(old.ticket_id);
    expect(x2?.ticket_id).toBe(done.ticket_id);
    const tickets = await k.tickets();
    expect(tickets).toHaveLength(4);
    const one = tickets.find((x) => x.id === d1?.ticket_id);
    const two = tickets.find((x) => x.id === d2?.ticket_id);
    // One sender, one customer, whatever the case of the address; the first mail's name.
    expect(one?.customer_id).toBe(two?.customer_id);
    const customers = await inWorkspace(db, k.ws.id, (tx) =>
      tx
        .selectFrom('customers')
        .select(['id', 'email', 'name'])
        .where('email', 'ilike', 'dee@example.com')
        .execute(),
    );
    expect(customers).toEqual([{ id: one?.customer_id, email: 'dee@example.com', name: 'Dee' }]);
    // Numbered in the order the mails came, right after the two older tickets.
    const n = (x: typeof one) => Number(x?.ticket_number.split('-')[1]);
    const first = tickets.find((x) => x.id === old.ticket_id);
    expect([n(one), n(two)]).toEqual([n(first) + 2, n(first) + 3]);
    // The reply on the resolved ticket reopened it; the one on the open ticket left it as it was.
    expect(tickets.find((x) => x.id === done.ticket_id)?.status).toBe('open');
    expect(tickets.find((x) => x.id === old.ticket_id)?.status).toBe('new');
    for (const r of [o2, x2]) {
      const mine = (await k.messages(r?.ticket_id as number)).filter(
        (m) => m.email_message_id === r?.message_id,
      );
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ id: r?.message_row_id, message_type: 'customer', is_internal: false });
    }
    const added = (await events(k.ws.id)).slice(before);
    expect(added.filter((e) => e === 'ticket.created')).toHaveLength(2);
    expect(added.filter((e) => e === 'message.created')).toHaveLength(2);
  });
});
