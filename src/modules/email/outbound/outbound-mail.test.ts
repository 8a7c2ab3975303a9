/**
 * Customer mail of a ticket end to end on PostgreSQL: the flows record their events, the subscriber
 * queues the mail, mail.send delivers it through nodemailer to a local SMTP sink, and the parsed mail is
 * checked header by header; internal notes are never mailed; acknowledgement rules and cap.
 */
import type { AddressObject } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../../db/tenant.js';
import type { StoredEvent } from '../../../platform/events/subscriber.js';
import { asBearer } from '../../../test/app.js';
import { buildCustomer, buildTicket, unique } from '../../../test/factories.js';
import { lastEventId } from '../../../test/stored-events.js';
import { mailForEvent } from './subscriber.js';
import {
  t,
  deps,
  dispatch,
  outbox,
  deliver,
  workspaceWithMailbox,
  openWebTicket,
  header,
  replyToAddress,
  setUpOutboundMail,
} from './outbound-test-kit.js';

setUpOutboundMail();

describe('customer mail of a ticket', () => {
  it('acknowledges, mails public replies with attachments and the resolution, threaded; never a note', async () => {
    const { ws, mailbox, agentToken } = await workspaceWithMailbox();
    const mark = await lastEventId(t.db, ws.id);
    const { ticket, customer, session } = await openWebTicket(ws);
    const multipart = new FormData();
    multipart.append('message', 'We found it: see the label.');
    multipart.append('files', new Blob(['%PDF-1.4\n%%EOF\n']), 'label.pdf');
    const encoded = new Response(multipart);
    const reply = await t.app.inject(
      asBearer(agentToken, {
        method: 'POST',
        url: `/api/support/tickets/${ticket.id}/reply/`,
        payload: Buffer.from(await encoded.arrayBuffer()),
        headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
      }),
    );
    expect(reply.statusCode, reply.body).toBe(201);
    const note = await t.app.inject(
      asBearer(agentToken, {
        method: 'POST',
        url: `/api/support/tickets/${ticket.id}/reply/`,
        payload: { message: 'INTERNAL: customer is difficult', is_internal: true },
      }),
    );
    expect(note.statusCode, note.body).toBe(201);
    const resolved = await t.app.inject(
      asBearer(agentToken, {
        method: 'PUT',
        url: `/api/support/tickets/${ticket.id}/status/`,
        payload: { status: 'resolved' },
      }),
    );
    expect(resolved.statusCode, resolved.body).toBe(200);

    await dispatch(ws, mark);
    const rows = await outbox(ws);
    expect(rows.map((r) => r.kind)).toEqual(['acknowledgement', 'reply', 'resolved']);
    expect(
      rows.every((r) => !r.text_body.includes('INTERNAL') && !(r.html_body ?? '').includes('INTERNAL')),
    ).toBe(true);
    const [ack, answer, done] = await deliver(
      ws,
      rows.map((r) => r.id),
    );

    const token = (
      await asSystem(t.db, (tx) =>
        tx
          .selectFrom('support_tickets')
          .select('reply_token')
          .where('id', '=', ticket.id)
          .executeTakeFirstOrThrow(),
      )
    ).reply_token;
    expect(token).toMatch(/^[a-z2-7]{16}$/);
    const [local, domain] = mailbox.address.split('@');
    for (const [i, m] of [ack!, answer!, done!].entries()) {
      expect(m.messageId).toBe(rows[i]!.message_id);
      expect(m.subject).toBe(`[#${ticket.ticket_number}] Parcel is late`);
      expect(m.from?.value[0]).toEqual({ address: mailbox.address, name: 'Shop Support' });
      expect((m.to as AddressObject).value[0]?.address).toBe(customer.email);
      expect(replyToAddress(m)).toBe(`${local}+${token}@${domain}`);
      expect(header(m, 'x-loop')).toBe('bfg2-support');
      expect(m.text).toContain(ticket.ticket_number);
      expect(m.html).toContain('<table');
    }
    expect(header(ack!, 'auto-submitted')).toBe('auto-replied');
    expect(header(answer!, 'auto-submitted')).toBeUndefined();
    expect(header(done!, 'auto-submitted')).toBe('auto-generated');
    // The customer's name is text in the HTML part, never markup.
    expect(ack!.html).toContain('Carla &lt;Customer&gt;');
    expect(ack!.text).toContain('Carla <Customer>');

    expect(ack!.inReplyTo).toBeUndefined();
    expect(answer!.inReplyTo).toBe(ack!.messageId);
    expect(answer!.references).toBe(ack!.messageId);
    expect(done!.inReplyTo).toBe(answer!.messageId);
    expect(done!.references).toEqual([ack!.messageId, answer!.messageId]);

    expect(answer!.text).toContain('We found it: see the label.');
    expect(answer!.text).toContain('Dana Agent');
    expect(answer!.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ['label.pdf', '%PDF-1.4\n%%EOF\n'],
    ]);

    const messageRows = await inWorkspace(t.db, ws.id, (tx) =>
      tx
        .selectFrom('support_ticket_messages')
        .select(['id', 'is_internal', 'email_message_id'])
        .where('ticket_id', '=', ticket.id)
        .where('message_type', 'in', ['agent', 'note'])
        .orderBy('id')
        .execute(),
    );
    expect(messageRows.map((m) => [m.is_internal, m.email_message_id])).toEqual([
      [false, answer!.messageId],
      [true, ''],
    ]);
    expect(messageRows[0]!.id).toBe(rows[1]!.message_row_id);

    // Staff see the delivery on the message; the customer's view has no such field.
    const staffView = await t.app.inject(
      asBearer(agentToken, { method: 'GET', url: `/api/support/tickets/${ticket.id}/` }),
    );
    const staffMessages = staffView.json<{
      messages: { id: number; delivery?: { status: string } | null }[];
    }>().messages;
    expect(staffMessages.find((m) => m.id === rows[1]!.message_row_id)?.delivery?.status).toBe('sent');
    const customerView = await t.app.inject({
      method: 'GET',
      url: `/api/support/tickets/${ticket.id}/`,
      headers: session,
    });
    expect(customerView.statusCode).toBe(200);
    expect(customerView.body).not.toContain('delivery');
    expect(customerView.body).not.toContain('INTERNAL');
  });

  it('acknowledges mail only when it is normal, per mailbox setting, and at most 3 times an hour per sender', async () => {
    const { ws, mailbox } = await workspaceWithMailbox();
    const event = (ticketId: number, id: number): StoredEvent => ({
      id,
      workspaceId: ws.id,
      type: 'ticket.created',
      subjectType: 'ticket',
      subjectId: ticketId,
      actorUserId: null,
      actorCustomerId: null,
      payload: { ticket_id: ticketId },
      createdAt: new Date(),
    });
    const emailTicket = async (
      classification: 'normal' | 'bulk' | 'auto',
      from?: { id: number; email: string },
    ) => {
      const customer = from ?? (await buildCustomer(t.db, ws, { password: null }));
      const ticket = await buildTicket(t.db, ws, { channel: 'email', customerId: customer.id });
      const raw = Buffer.from(
        `From: ${customer.email.toUpperCase()}\r\nTo: ${mailbox.address}\r\nCc: Boss <boss@example.test>, ${mailbox.address.replace('@', '+x@')}\r\n` +
          `Message-ID: <in-${unique()}@example.test>\r\nSubject: Help\r\n\r\nHello\r\n`,
      );
      await inWorkspace(t.db, ws.id, (tx) =>
        tx
          .insertInto('inbound_emails')
          .values({
            workspace_id: ws.id,
            message_id: `<in-${unique()}@example.test>`,
            raw,
            ticket_id: ticket.id,
            classification,
            mailbox_id: mailbox.id,
          })
          .execute(),
      );
      await asSystem(t.db, (tx) =>
        tx
          .updateTable('support_tickets')
          .set({ mailbox_id: mailbox.id })
          .where('id', '=', ticket.id)
          .execute(),
      );
      return ticket;
    };
    let n = 1_000_000 + Math.floor(Math.random() * 1_000_000);
    expect(await mailForEvent(deps, event((await emailTicket('bulk')).id, n++))).toBeNull();
    expect(await mailForEvent(deps, event((await emailTicket('auto')).id, n++))).toBeNull();
    const normal = await emailTicket('normal');
    const ack = await mailForEvent(deps, event(normal.id, n++));
    expect(ack).not.toBeNull();
    const [parsed] = await deliver(ws, [ack!.id]);
    expect(header(parsed!, 'auto-submitted')).toBe('auto-replied');
    // Cc: the other people on the opening mail, never our own mailbox (with or without a reply token).
    expect((parsed!.cc as AddressObject).value.map((a) => a.address)).toEqual(['boss@example.test']);

    // The cap: one sender, five new tickets in an hour → three acknowledgements (one is already out).
    const sender = await buildCustomer(t.db, ws, { email: `Loop-${unique()}@Example.test` });
    const verdicts = [];
    for (let i = 0; i < 5; i++)
      verdicts.push(await mailForEvent(deps, event((await emailTicket('normal', sender)).id, n++)));
    expect(verdicts.map((v) => v !== null)).toEqual([true, true, true, false, false]);

    await inWorkspace(t.db, ws.id, (tx) =>
      tx.updateTable('mailboxes').set({ auto_acknowledge: false }).where('id', '=', mailbox.id).execute(),
    );
    expect(await mailForEvent(deps, event((await emailTicket('normal')).id, n++))).toBeNull();
  });
});
