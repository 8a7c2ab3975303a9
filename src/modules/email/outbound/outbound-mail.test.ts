/**
 * Customer mail end to end on PostgreSQL: the flows record their events, the subscriber queues the mail,
 * mail.send delivers it through nodemailer to a local SMTP sink (port 0), and the parsed mail is checked
 * header by header. Plus: internal notes never mailed, acknowledgement rules and cap, tenancy of the
 * APIs, and the crash between handing a mail to SMTP and recording it.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/schema.js';
import { asSystem, inWorkspace } from '../../../db/tenant.js';
import type { StoredEvent } from '../../../platform/events/subscriber.js';
import { createLogger } from '../../../platform/logger.js';
import { sendEmailJob } from '../../../platform/mail/send-email-job.js';
import { sweepEmailJob } from '../../../platform/mail/sweep-job.js';
import { createMailTransport, type MailTransport } from '../../../platform/mail/transport.js';
import { asBearer, testApp, type TestApp } from '../../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildTicket,
  buildToken,
  buildUser,
  buildWorkspace,
  customerSession,
  unique,
} from '../../../test/factories.js';
import { lastEventId, storedEvents } from '../../../test/stored-events.js';
import { mailForEvent, outboundMailSubscriber, type OutboundMailDeps } from './subscriber.js';

const log = createLogger('silent');
const received: Buffer[] = [];
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      received.push(Buffer.concat(chunks));
      callback();
    });
  },
});

let t: TestApp;
let smtp: MailTransport;
let deps: OutboundMailDeps;

beforeAll(async () => {
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const { port } = sink.server.address() as AddressInfo;
  t = await testApp();
  smtp = createMailTransport(
    { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Install <install@example.test>', dataDir: '' },
    log,
  );
  deps = {
    db: t.db,
    jobs: t.deps.jobs,
    publicUrl: 'https://help.example.test',
    mailFrom: 'Install <install@example.test>',
  };
});

afterAll(async () => {
  await smtp.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

const sender = () => sendEmailJob({ db: t.db, transport: smtp, log, storage: t.deps.storage });

/** Hands the workspace's events after `after` to the subscriber (twice: it must be idempotent). */
async function dispatch(ws: Workspace, after: number): Promise<void> {
  const sub = outboundMailSubscriber(deps);
  const events = await storedEvents(t.db, ws.id, { afterId: after });
  for (const e of [...events, ...events])
    if (sub.types === '*' || sub.types.includes(e.type as never)) await sub.handle(e);
}

function outbox(ws: Workspace) {
  return inWorkspace(t.db, ws.id, (tx) =>
    tx.selectFrom('outbound_emails').selectAll().where('workspace_id', '=', ws.id).orderBy('id').execute(),
  );
}

/** Sends the given rows through mail.send to the sink; returns what the sink parsed, in order. */
async function deliver(ws: Workspace, ids: number[]): Promise<ParsedMail[]> {
  const job = sender();
  const out: ParsedMail[] = [];
  for (const id of ids) {
    const before = received.length;
    await job.handler({ workspaceId: ws.id, outboundEmailId: id });
    expect(received.length).toBe(before + 1);
    out.push(await simpleParser(received[received.length - 1]!));
  }
  return out;
}

async function workspaceWithMailbox(overrides: { auto_acknowledge?: boolean } = {}) {
  const ws = await buildWorkspace(t.db);
  const address = `support-${unique()}@shop.example`;
  const mailbox = await inWorkspace(t.db, ws.id, (tx) =>
    tx
      .insertInto('mailboxes')
      .values({
        workspace_id: ws.id,
        address,
        display_name: 'Shop Support',
        signature: 'Your shop team',
        auto_acknowledge: overrides.auto_acknowledge ?? true,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  const admin = await buildAdmin(t.db, ws);
  const agent = await buildUser(t.db, ws, { name: 'Dana Agent' });
  const agentToken = await buildToken(t.db, ws, agent.id);
  return { ws, mailbox, admin, agentToken };
}

async function openWebTicket(ws: Workspace, email = `c-${unique()}@example.test`) {
  const customer = await buildCustomer(t.db, ws, { email, name: 'Carla <Customer>' });
  const session = await customerSession(t.db, ws, customer.id);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/support/tickets/',
    headers: session,
    payload: { subject: 'Parcel is late', description: 'Where is my parcel?' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { customer, session, ticket: res.json<{ id: number; ticket_number: string }>() };
}

const header = (m: ParsedMail, name: string) => {
  const v = m.headers.get(name);
  return typeof v === 'string' ? v : v === undefined ? undefined : JSON.stringify(v);
};
const replyToAddress = (m: ParsedMail) => m.replyTo?.value[0]?.address ?? '';

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

describe('outgoing mail APIs', () => {
  it('lists and retries a ticket’s mails for staff only; another workspace gets 404', async () => {
    const { ws, agentToken, admin } = await workspaceWithMailbox();
    const mark = await lastEventId(t.db, ws.id);
    const { ticket, session } = await openWebTicket(ws);
    await t.app.inject(
      asBearer(agentToken, {
        method: 'POST',
        url: `/api/support/tickets/${ticket.id}/reply/`,
        payload: { message: 'Hello' },
      }),
    );
    await dispatch(ws, mark);
    const [ackRow, replyRow] = await outbox(ws);
    const url = `/api/support/tickets/${ticket.ticket_number}/emails/`;

    const list = await t.app.inject(asBearer(agentToken, { method: 'GET', url }));
    expect(list.statusCode, list.body).toBe(200);
    expect(
      list
        .json<{ results: { id: number; status: string; kind: string }[] }>()
        .results.map((r) => [r.id, r.kind, r.status]),
    ).toEqual([
      [ackRow!.id, 'acknowledgement', 'pending'],
      [replyRow!.id, 'reply', 'pending'],
    ]);
    expect((await t.app.inject({ method: 'GET', url, headers: session })).statusCode).toBe(403);
    const other = await buildWorkspace(t.db);
    const stranger = await buildAdmin(t.db, other);
    expect(
      (
        await t.app.inject(
          asBearer(stranger.token, { method: 'GET', url: `/api/support/tickets/${ticket.id}/emails/` }),
        )
      ).statusCode,
    ).toBe(404);
    const retryUrl = (id: number) => `/api/support/tickets/${ticket.id}/emails/${id}/retry/`;
    expect(
      (await t.app.inject(asBearer(stranger.token, { method: 'POST', url: retryUrl(ackRow!.id) })))
        .statusCode,
    ).toBe(404);

    // Only a failed mail is retried; an interrupted one only when staff accept a possible duplicate.
    expect(
      (await t.app.inject(asBearer(agentToken, { method: 'POST', url: retryUrl(ackRow!.id) }))).statusCode,
    ).toBe(409);
    await asSystem(t.db, (tx) =>
      tx
        .updateTable('outbound_emails')
        .set({ status: 'failed', needs_review: true })
        .where('id', '=', ackRow!.id)
        .execute(),
    );
    const refused = await t.app.inject(
      asBearer(agentToken, { method: 'POST', url: retryUrl(ackRow!.id), payload: {} }),
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toContain(ackRow!.message_id);
    const retried = await t.app.inject(
      asBearer(admin.token, {
        method: 'POST',
        url: retryUrl(ackRow!.id),
        payload: { confirm_possible_duplicate: true },
      }),
    );
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', needs_review: false });
    expect(
      (await t.app.inject(asBearer(agentToken, { method: 'POST', url: retryUrl(999_999_999) }))).statusCode,
    ).toBe(404);
  });

  it('lets admins edit the templates of their own workspace, checked and used for the next mail', async () => {
    const { ws, agentToken, admin } = await workspaceWithMailbox();
    const url = '/api/support/admin/mail-templates/';
    const list = await t.app.inject(asBearer(admin.token, { method: 'GET', url }));
    expect(list.statusCode).toBe(200);
    const all = list.json<{ results: { kind: string; language: string; is_default: boolean }[] }>().results;
    expect(all.map((r) => `${r.kind}/${r.language}`)).toEqual([
      'acknowledgement/en',
      'acknowledgement/de',
      'reply/en',
      'reply/de',
      'resolved/en',
      'resolved/de',
      // The account mails (migration 0044).
      ...[
        'login_link',
        'signup_confirmation',
        'signup_existing_account',
        'password_reset',
        'staff_invitation',
        'staff_password_reset',
      ].flatMap((kind) => [`${kind}/en`, `${kind}/de`]),
    ]);
    expect((await t.app.inject(asBearer(agentToken, { method: 'GET', url }))).statusCode).toBe(403);
    expect(
      (
        await t.app.inject(
          asBearer(agentToken, { method: 'PUT', url: `${url}reply/en/`, payload: { text_body: 'x' } }),
        )
      ).statusCode,
    ).toBe(403);
    const bad = await t.app.inject(
      asBearer(admin.token, {
        method: 'PUT',
        url: `${url}reply/en/`,
        payload: { text_body: 'Hi {{customer.age}}' },
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('customer.age');
    expect(
      (
        await t.app.inject(
          asBearer(admin.token, { method: 'PUT', url: `${url}reply/xx/`, payload: { text_body: 'x' } }),
        )
      ).statusCode,
    ).toBe(400);

    const saved = await t.app.inject(
      asBearer(admin.token, {
        method: 'PUT',
        url: `${url}reply/en/`,
        payload: {
          text_body: 'Dear {{customer.name}}:\n{{message.text}}\n{{portal.link}}',
          html_body: '<table><tr><td>{{message.text}}</td></tr></table>',
        },
      }),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ is_default: false });
    // Another workspace still has the default.
    const other = await buildAdmin(t.db, await buildWorkspace(t.db));
    const theirs = await t.app.inject(asBearer(other.token, { method: 'GET', url: `${url}reply/en/` }));
    expect(theirs.json()).toMatchObject({ is_default: true });

    const mark = await lastEventId(t.db, ws.id);
    const { ticket } = await openWebTicket(ws);
    await t.app.inject(
      asBearer(agentToken, {
        method: 'POST',
        url: `/api/support/tickets/${ticket.id}/reply/`,
        payload: { message: 'a < b' },
      }),
    );
    await dispatch(ws, mark);
    const replyRow = (await outbox(ws)).find((r) => r.kind === 'reply')!;
    expect(replyRow.text_body).toBe(
      `Dear Carla <Customer>:\na < b\nhttps://help.example.test/app/tickets/${ticket.ticket_number}`,
    );
    expect(replyRow.html_body).toBe('<table><tr><td>a &lt; b</td></tr></table>');

    const reset = await t.app.inject(asBearer(admin.token, { method: 'DELETE', url: `${url}reply/en/` }));
    expect(reset.json()).toMatchObject({ is_default: true });
  });
});

describe('a worker dying between SMTP and recording', () => {
  it('never sends the mail twice: the row waits for review under its Message-ID', async () => {
    const { ws } = await workspaceWithMailbox();
    const mark = await lastEventId(t.db, ws.id);
    await openWebTicket(ws);
    await dispatch(ws, mark);
    const [row] = await outbox(ws);
    const before = received.length;

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
    expect(received.length).toBe(before + 1);

    // pg-boss hands the job to another worker (expiry, retry): it finds the row 'sending' and leaves it.
    await sender().handler({ workspaceId: ws.id, outboundEmailId: row!.id });
    expect(received.length).toBe(before + 1);

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
    expect(received.length).toBe(before + 1);
    const after = await inWorkspace(t.db, ws.id, (tx) =>
      tx
        .selectFrom('outbound_emails')
        .select(['status', 'needs_review', 'message_id'])
        .where('id', '=', row!.id)
        .executeTakeFirstOrThrow(),
    );
    expect(after).toEqual({ status: 'failed', needs_review: true, message_id: row!.message_id });
    expect((await simpleParser(received[received.length - 1]!)).messageId).toBe(row!.message_id);
  });
});
