import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../../db/tenant.js';
import { testApp } from '../../../test/app.js';
import { buildUser, unique } from '../../../test/factories.js';
import { processInboundBatch } from './process-inbound.js';
import { findRecipientMailbox } from './recipients.js';
import { storeInboundMail } from './store-inbound.js';
import { compose, createMailbox, inboundKit } from './test-kit.js';

const t = await testApp();
const { db } = t;

const events = (wsId: number) =>
  inWorkspace(db, wsId, (tx) => tx.selectFrom('domain_events').select('type').orderBy('id').execute()).then(
    (r) => r.map((e) => e.type),
  );

describe('inbound mail: new tickets and de-duplication', () => {
  it('opens a ticket from the sender, honouring Reply-To, on the mailbox', async () => {
    const k = await inboundKit(t);
    const row = await k.send({
      from: 'Sam Sender <SAM@Example.com>',
      replyTo: 'Sam Private <sam.private@example.com>',
      subject: 'Broken mug',
      text: 'It arrived in pieces.',
      messageId: `<m-${unique()}@example.com>`,
    });
    expect(row).toMatchObject({ status: 'processed', classification: 'normal', source: 'smtp', attempts: 1 });
    const [ticket] = await k.tickets();
    expect(ticket).toMatchObject({
      id: row.ticket_id,
      channel: 'email',
      subject: 'Broken mug',
      description: 'It arrived in pieces.',
      source_email: 'sam.private@example.com',
      mailbox_id: k.mailbox.id,
    });
    expect(await events(k.ws.id)).toContain('ticket.created');
  });

  it('stores one mail to two mailboxes of a workspace once, and a redelivery not at all', async () => {
    const k = await inboundKit(t);
    const second = await createMailbox(t, k.ws);
    const id = `<twice-${unique()}@example.com>`;
    const mail = { from: 'a@example.com', subject: 'Two', text: 'x', messageId: id };
    const rows = await k.deliver(
      await import('./test-kit.js').then((m) =>
        m.compose({ to: [k.mailbox.address, second.address], ...mail }),
      ),
      [k.mailbox.address, second.address],
    );
    expect(rows).toHaveLength(1);
    const again = await k.deliver(
      await import('./test-kit.js').then((m) => m.compose({ to: k.mailbox.address, ...mail })),
    );
    expect(again).toHaveLength(0);
    expect(await k.tickets()).toHaveLength(1);
  });
});

describe('inbound mail: threading', () => {
  it('threads by reply token, by In-Reply-To/References and by [#number], each for the customer', async () => {
    const k = await inboundKit(t);
    const first = await k.send({
      from: 'cat@example.com',
      subject: 'Help',
      text: 'one',
      messageId: `<a-${unique()}@x>`,
    });
    const [ticket] = await k.tickets();
    if (!ticket) throw new Error('no ticket');
    const token = unique() + unique();
    const outboundId = `<out-${unique()}@bfg2.test>`;
    await asSystem(db, async (tx) => {
      await tx
        .updateTable('support_tickets')
        .set({ reply_token: token })
        .where('id', '=', ticket.id)
        .execute();
      await tx
        .insertInto('outbound_emails')
        .values({
          workspace_id: k.ws.id,
          to_address: 'cat@example.com',
          subject: 'Re: Help',
          text_body: 'We are on it',
          message_id: outboundId,
          status: 'sent',
          ticket_id: ticket.id,
        })
        .execute();
    });
    const [local, domain] = k.mailbox.address.split('@');
    const byToken = await k.send(
      { from: 'Cat@Example.com', to: `${local}+${token}@${domain}`, subject: 'whatever', text: 'two' },
      [`${local}+${token}@${domain}`],
    );
    const byOutbound = await k.send({
      from: 'cat@example.com',
      subject: 'Re: Help',
      text: 'three',
      inReplyTo: outboundId,
    });
    const byInbound = await k.send({
      from: 'cat@example.com',
      subject: 'Re: Help',
      text: 'four',
      references: [`<unknown-${unique()}@x>`, first.message_id],
    });
    const bySubject = await k.send({
      from: 'cat@example.com',
      subject: `Re: [#${ticket.ticket_number}] Help`,
      text: 'five',
    });
    for (const row of [byToken, byOutbound, byInbound, bySubject]) {
      expect(row).toMatchObject({ status: 'processed', ticket_id: ticket.id });
      expect(row.message_row_id).not.toBeNull();
    }
    const messages = await k.messages(ticket.id);
    expect(messages.map((m) => m.message)).toEqual(['two', 'three', 'four', 'five']);
    expect(messages.map((m) => m.email_message_id)).toEqual(
      [byToken, byOutbound, byInbound, bySubject].map((r) => r.message_id),
    );
    expect(messages.every((m) => m.message_type === 'customer')).toBe(true);
    expect(await k.tickets()).toHaveLength(1);
  });

  it('opens a new ticket when a stranger uses the token, a Message-ID or the number', async () => {
    const k = await inboundKit(t);
    const first = await k.send({
      from: 'owner@example.com',
      subject: 'Mine',
      text: 'x',
      messageId: `<o-${unique()}@x>`,
    });
    const [ticket] = await k.tickets();
    if (!ticket) throw new Error('no ticket');
    const token = unique() + unique();
    await asSystem(db, (tx) =>
      tx.updateTable('support_tickets').set({ reply_token: token }).where('id', '=', ticket.id).execute(),
    );
    const [local, domain] = k.mailbox.address.split('@');
    const sub = `${local}+${token}@${domain}`;
    const a = await k.send({ from: 'eve@example.com', to: sub, subject: 'hi', text: 'a' }, [sub]);
    const b = await k.send({
      from: 'eve@example.com',
      subject: 'Re: Mine',
      text: 'b',
      inReplyTo: first.message_id,
    });
    const c = await k.send({ from: 'eve@example.com', subject: `[#${ticket.ticket_number}]`, text: 'c' });
    const ids = [a, b, c].map((r) => r.ticket_id);
    expect(ids).not.toContain(ticket.id);
    expect(new Set(ids).size).toBe(3);
    expect(await k.messages(ticket.id)).toHaveLength(0);
  });

  it('lets a Cc participant and staff of the workspace write on the ticket', async () => {
    const k = await inboundKit(t);
    const agent = await buildUser(db, k.ws, { email: `agent-${unique()}@example.test`, name: 'Agent A' });
    const first = await k.send({
      from: 'cust@example.com',
      cc: ['Colleague <colleague@example.com>', k.mailbox.address],
      subject: 'Team issue',
      text: 'x',
      messageId: `<p-${unique()}@x>`,
    });
    const fromCc = await k.send({
      from: 'colleague@example.com',
      subject: 'Re',
      text: 'me too',
      inReplyTo: first.message_id,
    });
    const fromStaff = await k.send({
      from: agent.email.toUpperCase(),
      subject: 'Re',
      text: 'We are on it.',
      inReplyTo: first.message_id,
    });
    expect(fromCc.ticket_id).toBe(first.ticket_id);
    expect(fromStaff.ticket_id).toBe(first.ticket_id);
    const [cc, staff] = await k.messages(first.ticket_id ?? 0);
    expect(cc).toMatchObject({
      message: 'me too',
      message_type: 'customer',
      sender_email: 'colleague@example.com',
    });
    expect(staff).toMatchObject({
      message: 'We are on it.',
      message_type: 'agent',
      sender_id: agent.id,
      is_internal: false,
    });
    const participants = await inWorkspace(db, k.ws.id, (tx) =>
      tx.selectFrom('ticket_email_participants').select('email').execute(),
    );
    expect(participants.map((p) => p.email)).toEqual(['colleague@example.com']);
  });

  it('reopens a resolved ticket, and opens a linked follow-up for a closed one', async () => {
    const k = await inboundKit(t);
    const first = await k.send({
      from: 'r@example.com',
      subject: 'Q',
      text: 'x',
      messageId: `<r-${unique()}@x>`,
    });
    const ticketId = first.ticket_id ?? 0;
    await asSystem(db, (tx) =>
      tx.updateTable('support_tickets').set({ status: 'resolved' }).where('id', '=', ticketId).execute(),
    );
    await k.send({ from: 'r@example.com', subject: 'Re: Q', text: 'not fixed', inReplyTo: first.message_id });
    expect((await k.tickets())[0]).toMatchObject({ id: ticketId, status: 'open' });

    await asSystem(db, (tx) =>
      tx.updateTable('support_tickets').set({ status: 'closed' }).where('id', '=', ticketId).execute(),
    );
    const late = await k.send({
      from: 'r@example.com',
      subject: 'Re: Q',
      text: 'again',
      inReplyTo: first.message_id,
    });
    expect(late.ticket_id).not.toBe(ticketId);
    const followUp = (await k.tickets()).find((x) => x.id === late.ticket_id);
    expect(followUp).toMatchObject({ follow_up_of_id: ticketId, status: 'new', description: 'again' });
  });
});

describe('inbound mail: loops and bounces', () => {
  it('adds an auto-reply to its ticket without reopening or notifying; alone it opens nothing', async () => {
    const k = await inboundKit(t);
    const first = await k.send({
      from: 'o@example.com',
      subject: 'Q',
      text: 'x',
      messageId: `<q-${unique()}@x>`,
    });
    const ticketId = first.ticket_id ?? 0;
    await asSystem(db, (tx) =>
      tx.updateTable('support_tickets').set({ status: 'resolved' }).where('id', '=', ticketId).execute(),
    );
    const before = await events(k.ws.id);
    const ooo = await k.send({
      from: 'o@example.com',
      subject: 'Out of office: Q',
      text: 'I am away.',
      inReplyTo: first.message_id,
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(ooo).toMatchObject({ classification: 'auto', status: 'processed', ticket_id: ticketId });
    expect((await k.tickets())[0]?.status).toBe('resolved');
    expect(await events(k.ws.id)).toEqual(before);
    expect((await k.messages(ticketId)).map((m) => m.message)).toEqual(['I am away.']);

    for (const headers of [
      { 'X-Autoreply': 'yes' },
      { 'X-Autorespond': 'yes' },
      { 'X-Auto-Response-Suppress': 'All' },
      { 'X-Loop': 'bfg2-support' },
      { 'Auto-Submitted': 'auto-generated' },
    ]) {
      const alone = await k.send({ from: 'robot@example.com', subject: 'Hello', text: 'auto', headers });
      expect(alone, JSON.stringify(headers)).toMatchObject({
        classification: 'auto',
        status: 'ignored',
        ticket_id: null,
      });
    }
    const vacation = await k.send({
      from: 'robot@example.com',
      subject: 'Abwesenheitsnotiz: Hallo',
      text: 'weg',
    });
    expect(vacation.classification).toBe('auto');
    const human = await k.send({
      from: 'h@example.com',
      subject: 'Hi',
      text: 'x',
      headers: { 'Auto-Submitted': 'no' },
    });
    expect(human).toMatchObject({ classification: 'normal', status: 'processed' });
    expect(await k.tickets()).toHaveLength(2);
  });

  it('opens a ticket for bulk mail, classified so that it gets no acknowledgement', async () => {
    const k = await inboundKit(t);
    const row = await k.send({
      from: 'news@example.com',
      subject: 'News',
      text: 'x',
      headers: { Precedence: 'bulk' },
    });
    expect(row).toMatchObject({ classification: 'bulk', status: 'processed' });
    expect(row.ticket_id).not.toBeNull();
  });
});

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
