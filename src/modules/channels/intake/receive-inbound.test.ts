import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/schema.js';
import { asSystem, inWorkspace, type Tx } from '../../../db/tenant.js';
import { asBearer, testApp } from '../../../test/app.js';
import { buildAdmin, buildCustomer, buildTicket, buildWorkspace } from '../../../test/factories.js';
import { ticketHooks } from '../../../ticket-hooks.js';
import { receiveInbound, type InboundInput } from './receive-inbound.js';

const { app, db } = await testApp();
const hooks = ticketHooks();
const now = new Date('2026-12-06T12:00:00Z');

function receive(ws: Workspace, input: InboundInput) {
  return inWorkspace(db, ws.id, (tx) => receiveInbound({ tx, workspace: ws, now, hooks }, input));
}

async function counts(ws: Workspace) {
  return inWorkspace(db, ws.id, async (tx: Tx) => {
    const count = async (table: 'support_tickets' | 'support_ticket_messages' | 'customers') =>
      Number(
        (
          await tx
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('workspace_id', '=', ws.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const events = await tx
      .selectFrom('domain_events')
      .select('type')
      .where('workspace_id', '=', ws.id)
      .orderBy('id')
      .execute();
    return {
      tickets: await count('support_tickets'),
      messages: await count('support_ticket_messages'),
      customers: await count('customers'),
      events: events.map((e) => e.type),
    };
  });
}

const mail = (externalId: string, email = 'Sam@Example.com'): InboundInput => ({
  channel: 'email',
  actor: { kind: 'channel' },
  externalId,
  from: { email, name: 'Sam' },
  ticket: { subject: 'Broken mug', description: 'It arrived in pieces.' },
});

describe('inbound intake', () => {
  it('opens one ticket for the same external id delivered twice, on the channel it came from', async () => {
    const ws = await buildWorkspace(db);
    const first = await receive(ws, mail('<m1@example.com>'));
    expect(first.created).toBe(true);
    expect(first.ticket).toMatchObject({
      channel: 'email',
      subject: 'Broken mug',
      source_email: 'sam@example.com',
    });
    expect(first.customer).toMatchObject({ email: 'sam@example.com', name: 'Sam' });
    const before = await counts(ws);

    const again = await receive(ws, mail('<m1@example.com>'));
    expect(again).toMatchObject({ created: false, message: null });
    expect(again.ticket.id).toBe(first.ticket.id);
    expect(await counts(ws)).toEqual(before);
    expect(before.events.filter((t) => t === 'ticket.created')).toHaveLength(1);

    // The same id on another channel is another delivery.
    const chat = await receive(ws, { ...mail('<m1@example.com>'), channel: 'chat' });
    expect(chat.created).toBe(true);
    expect(chat.ticket.id).not.toBe(first.ticket.id);
  });

  it('opens one ticket when the same id arrives concurrently', async () => {
    const ws = await buildWorkspace(db);
    const results = await Promise.all([1, 2, 3, 4].map(() => receive(ws, mail('<race@example.com>'))));
    expect(new Set(results.map((r) => r.ticket.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await counts(ws)).toMatchObject({ tickets: 1, customers: 1 });
  });

  it('threads a message onto the sender’s ticket, once per external id', async () => {
    const ws = await buildWorkspace(db);
    const opened = await receive(ws, mail('<m1@example.com>'));
    const reply: InboundInput = {
      channel: 'email',
      actor: { kind: 'channel' },
      externalId: '<m2@example.com>',
      from: { email: 'sam@example.com' },
      thread: { ticket: opened.ticket.ticket_number, message: 'Any news?' },
    };
    const first = await receive(ws, reply);
    expect(first.created).toBe(true);
    expect(first.ticket.id).toBe(opened.ticket.id);
    expect(first.message).toMatchObject({
      message: 'Any news?',
      message_type: 'customer',
      is_internal: false,
      sender_customer_id: opened.customer.id,
    });
    const again = await receive(ws, reply);
    expect(again).toMatchObject({ created: false });
    expect(again.message?.id).toBe(first.message?.id);
    const after = await counts(ws);
    expect(after.messages).toBe(1);
    expect(after.events.filter((t) => t === 'message.created')).toHaveLength(1);

    // Someone else cannot thread onto Sam's ticket: 404, and nothing is written.
    const stranger = receive(ws, {
      ...reply,
      externalId: '<m3@example.com>',
      from: { email: 'eve@example.com' },
    });
    await expect(stranger).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await counts(ws)).messages).toBe(1);
  });

  it('keeps workspaces apart: external ids, customers and tickets', async () => {
    const a = await buildWorkspace(db);
    const b = await buildWorkspace(db);
    const inA = await receive(a, mail('<same@example.com>'));
    const inB = await receive(b, mail('<same@example.com>'));
    expect(inB.created).toBe(true);
    expect(inB.ticket.workspace_id).toBe(b.id);
    expect(inB.customer.id).not.toBe(inA.customer.id);
    // A's ticket is no ticket in B, even by its number.
    const across = receive(b, {
      channel: 'email',
      actor: { kind: 'channel' },
      from: { email: 'sam@example.com' },
      thread: { ticket: inA.ticket.id, message: 'hello' },
    });
    await expect(across).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('looks the customer up in the workspace, not only behind row-level security', async () => {
    const a = await buildWorkspace(db);
    const b = await buildWorkspace(db);
    const admin = await buildAdmin(db, a);
    const theirs = await buildCustomer(db, b);
    // As the schema owner row-level security hides nothing: only the query's own filter refuses.
    const opened = asSystem(db, (tx) =>
      receiveInbound(
        { tx, workspace: a, now, hooks },
        {
          channel: 'api',
          actor: { kind: 'staff', userId: admin.id, role: 'admin', via: 'token' },
          from: { customer: theirs.id },
          ticket: { subject: 's', description: 'd' },
        },
      ),
    );
    await expect(opened).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      extra: { errors: [{ path: 'customer' }] },
    });
  });

  it('finds an existing customer by email whatever its case', async () => {
    const ws = await buildWorkspace(db);
    // Stored as an older import wrote it, mixed case.
    const existing = await asSystem(db, (tx) =>
      tx
        .insertInto('customers')
        .values({ workspace_id: ws.id, email: 'Dana.Miller@Example.COM', name: 'Dana' })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    const got = await receive(ws, mail('<m1@example.com>', 'dana.miller@example.com'));
    expect(got.customer.id).toBe(existing.id);
    const upper = await receive(ws, mail('<m2@example.com>', 'DANA.MILLER@EXAMPLE.COM'));
    expect(upper.customer.id).toBe(existing.id);
    expect((await counts(ws)).customers).toBe(1);
  });

  it('takes external ids from staff and channels only', async () => {
    const ws = await buildWorkspace(db);
    const customer = await buildCustomer(db, ws);
    const asCustomer = receive(ws, {
      ...mail('<m1@example.com>'),
      channel: 'web',
      actor: { kind: 'customer', customerId: customer.id },
    });
    await expect(asCustomer).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const ticket = await buildTicket(db, ws, { customerId: customer.id });
    const both = receive(ws, { ...mail('<m2@example.com>'), thread: { ticket: ticket.id, message: 'x' } });
    await expect(both).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await counts(ws)).tickets).toBe(1);
  });
});

describe('POST /api/support/tickets/ through the intake', () => {
  it('answers 201 for a new external_id and 200 with the same ticket when it comes again', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    const post = (payload: object) =>
      app.inject(asBearer(admin.token, { method: 'POST', url: '/api/support/tickets/', payload }));
    const body = {
      subject: 'Order 77',
      description: 'via our shop',
      customer: 'shop@example.com',
      external_id: 'SO-77',
    };
    const first = await post(body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ channel: 'api', customer: { email: 'shop@example.com' } });
    const again = await post({ ...body, subject: 'changed' });
    expect(again.statusCode).toBe(200);
    expect(again.json<{ id: number; subject: string }>()).toMatchObject({
      id: first.json<{ id: number }>().id,
      subject: 'Order 77',
    });
    expect((await counts(ws)).tickets).toBe(1);
  });

  it('refuses external_id from the anonymous web form (403)', async () => {
    const ws = await buildWorkspace(db);
    const res = await app.inject({
      method: 'POST',
      url: '/api/support/tickets/',
      headers: { 'x-workspace': ws.slug },
      payload: { subject: 's', description: 'd', email: 'x@example.com', external_id: 'guess' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((await counts(ws)).tickets).toBe(0);
  });
});
