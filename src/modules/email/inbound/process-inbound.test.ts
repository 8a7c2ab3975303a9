/**
 * Inbound mail processed one by one: new tickets, de-duplication, threading with the sender check, loops
 * and bounces. Batches of mails taken together are in process-inbound-batch.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../../db/tenant.js';
import { testApp } from '../../../test/app.js';
import { buildUser, unique } from '../../../test/factories.js';
import { createMailbox, inboundKit } from './test-kit.js';

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
