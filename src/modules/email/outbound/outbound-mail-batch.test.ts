/**
 * Customer mail queued for a batch of events at once, and the crash between handing a mail to SMTP and
 * recording it (sent at most once).
 */
import { simpleParser, type AddressObject } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../../db/tenant.js';
import type { StoredEvent } from '../../../platform/events/subscriber.js';
import { sendEmailJob } from '../../../platform/mail/send-email-job.js';
import { sweepEmailJob } from '../../../platform/mail/sweep-job.js';
import { type MailTransport } from '../../../platform/mail/transport.js';
import { asBearer } from '../../../test/app.js';
import { buildCustomer, buildTicket, buildWorkspace, unique } from '../../../test/factories.js';
import { lastEventId, storedEvents } from '../../../test/stored-events.js';
import { outboundMailSubscriber } from './subscriber.js';
import {
  sink,
  t,
  smtp,
  deps,
  log,
  sender,
  dispatch,
  outbox,
  deliver,
  workspaceWithMailbox,
  openWebTicket,
  replyToAddress,
  setUpOutboundMail,
} from './outbound-test-kit.js';

setUpOutboundMail();

describe('customer mail of a batch of events', () => {
  it('queues a batch at once: threaded within it, capped per sender across it, once however often handed over', async () => {
    const { ws, mailbox, agentToken } = await workspaceWithMailbox();
    const mark = await lastEventId(t.db, ws.id);
    const { ticket } = await openWebTicket(ws);
    // A ticket gets its reply token when it is created: mailing it never writes (and locks) its row.
    const tokenOf = async (id: number) =>
      (
        await asSystem(t.db, (tx) =>
          tx
            .selectFrom('support_tickets')
            .select('reply_token')
            .where('id', '=', id)
            .executeTakeFirstOrThrow(),
        )
      ).reply_token;
    const token = await tokenOf(ticket.id);
    expect(token).toMatch(/^[a-z2-7]{16}$/);
    for (const payload of [{ message: 'First answer' }, { message: 'Second answer' }]) {
      const res = await t.app.inject(
        asBearer(agentToken, { method: 'POST', url: `/api/support/tickets/${ticket.id}/reply/`, payload }),
      );
      expect(res.statusCode, res.body).toBe(201);
    }
    // Five web tickets of one sender made before tickets had tokens (no token yet), in the same batch.
    const loop = await buildCustomer(t.db, ws, { email: `Loop-${unique()}@Example.test` });
    const older: Awaited<ReturnType<typeof buildTicket>>[] = [];
    for (let i = 0; i < 5; i++) older.push(await buildTicket(t.db, ws, { customerId: loop.id }));
    expect(await tokenOf(older[0]!.id)).toBeNull();
    let n = 2_000_000 + Math.floor(Math.random() * 1_000_000);
    const synthetic: StoredEvent[] = older.map((o) => ({
      id: n++,
      workspaceId: ws.id,
      type: 'ticket.created',
      subjectType: 'ticket',
      subjectId: o.id,
      actorUserId: null,
      actorCustomerId: null,
      payload: { ticket_id: o.id },
      createdAt: new Date(),
    }));
    // An event naming another workspace's ticket mails nothing: the batch reads in its own workspace.
    const foreign = await buildTicket(t.db, await buildWorkspace(t.db));
    synthetic.push({ ...synthetic[0]!, id: n++, subjectId: foreign.id, payload: { ticket_id: foreign.id } });
    const events = [...(await storedEvents(t.db, ws.id, { afterId: mark })), ...synthetic];
    const sub = outboundMailSubscriber(deps);
    await sub.handleBatch!(events);
    await sub.handleBatch!(events);

    const rows = await outbox(ws);
    const own = rows.filter((r) => r.ticket_id === ticket.id);
    expect(own.map((r) => r.kind)).toEqual(['acknowledgement', 'reply', 'reply']);
    expect(rows.some((r) => r.ticket_id === foreign.id)).toBe(false);
    const acked = rows.filter((r) => older.some((o) => o.id === r.ticket_id));
    expect(acked.map((r) => r.ticket_id)).toEqual(older.slice(0, 3).map((o) => o.id));
    // The older tickets got their tokens on their first mail, and kept them.
    const olderToken = await tokenOf(older[0]!.id);
    expect(olderToken).toMatch(/^[a-z2-7]{16}$/);

    const [ack, first, second] = await deliver(
      ws,
      own.map((r) => r.id),
    );
    const [local, domain] = mailbox.address.split('@');
    for (const m of [ack!, first!, second!]) expect(replyToAddress(m)).toBe(`${local}+${token}@${domain}`);
    expect(ack!.inReplyTo).toBeUndefined();
    expect(first!.inReplyTo).toBe(ack!.messageId);
    expect(second!.inReplyTo).toBe(first!.messageId);
    expect(second!.references).toEqual([ack!.messageId, first!.messageId]);
    expect(first!.text).toContain('First answer');
    expect(second!.text).toContain('Second answer');
    const [olderAck] = await deliver(ws, [acked[0]!.id]);
    expect(replyToAddress(olderAck!)).toBe(`${local}+${olderToken}@${domain}`);
    expect((olderAck!.to as AddressObject).value[0]?.address).toBe(loop.email);
  });
});

describe('a worker dying between SMTP and recording', () => {
  it('never sends the mail twice: the row waits for review under its Message-ID', async () => {
    const { ws } = await workspaceWithMailbox();
    const mark = await lastEventId(t.db, ws.id);
    await openWebTicket(ws);
    await dispatch(ws, mark);
    const [row] = await outbox(ws);
    const before = sink.mails.length;

    // The first worker hands the mail to SMTP and "dies" before it can record it: its promise never ends.
    let handedOver!: () => void;
    const delivered = new Promise<void>((r) => (handedOver = r));
    const dying: MailTransport = {
      async send(mail) {
        await smtp.send(mail);
        handedOver();
        await new Promise(() => undefined);
      },
      close: () => Promise.resolve(),
    };
    void sendEmailJob({ db: t.db, transport: dying, log }).handler({
      workspaceId: ws.id,
      outboundEmailId: row!.id,
    });
    await delivered;
    expect(sink.mails.length).toBe(before + 1);

    // pg-boss hands the job to another worker (expiry, retry): it finds the row 'sending' and leaves it.
    await sender().handler({ workspaceId: ws.id, outboundEmailId: row!.id });
    expect(sink.mails.length).toBe(before + 1);

    // The lease runs out and the job is gone: the sweep marks it for review, and still sends nothing.
    await t.db.raw.query(
      `UPDATE outbound_emails SET lease_until = now() - interval '1 minute' WHERE id = $1`,
      [row!.id],
    );
    await t.db.raw.query(
      `DELETE FROM pgboss.job WHERE name = 'mail.send' AND data->>'outboundEmailId' = $1`,
      [String(row!.id)],
    );
    await sweepEmailJob({ db: t.db, jobs: t.deps.jobs, log, transport: smtp }).handler({});
    await sender().handler({ workspaceId: ws.id, outboundEmailId: row!.id });
    expect(sink.mails.length).toBe(before + 1);
    const after = await inWorkspace(t.db, ws.id, (tx) =>
      tx
        .selectFrom('outbound_emails')
        .select(['status', 'needs_review', 'message_id'])
        .where('id', '=', row!.id)
        .executeTakeFirstOrThrow(),
    );
    expect(after).toEqual({ status: 'failed', needs_review: true, message_id: row!.message_id });
    expect((await simpleParser(sink.mails[sink.mails.length - 1]!.raw)).messageId).toBe(row!.message_id);
  });
});
