import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildTicket,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';

const { app, db } = await testApp();

async function setup(status: 'new' | 'open' | 'pending' | 'resolved' | 'closed' = 'new') {
  const ws = await buildWorkspace(db);
  const admin = await buildAdmin(db, ws);
  const customer = await buildCustomer(db, ws, { name: 'Cora Customer' });
  const session = await customerSession(db, ws, customer.id);
  const ticket = await buildTicket(db, ws, { customerId: customer.id, status, subject: 'Broken mug' });
  const reply = (payload: object, as: 'admin' | 'customer' = 'admin') =>
    app.inject(
      as === 'admin'
        ? asBearer(admin.token, { method: 'POST', url: `/api/support/tickets/${ticket.id}/reply/`, payload })
        : { method: 'POST', url: `/api/support/tickets/${ticket.id}/reply/`, headers: session, payload },
    );
  const state = () =>
    inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('support_tickets').selectAll().where('id', '=', ticket.id).executeTakeFirstOrThrow(),
    );
  return { ws, admin, customer, session, ticket, reply, state };
}

describe('replies', () => {
  it('an agent’s first public reply answers the ticket and opens it', async () => {
    const { reply, state } = await setup('new');
    const res = await reply({ message: 'We are on it.' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ message_type: 'agent', is_staff_reply: true, is_internal: false });
    const t = await state();
    expect(t.status).toBe('open');
    expect(t.first_response_at).not.toBeNull();
  });

  it('an internal note neither answers nor opens the ticket, and customers never see it', async () => {
    const { reply, state, session, ticket } = await setup('new');
    const res = await reply({ message: 'SECRET: check the warehouse', is_internal: true });
    expect(res.json()).toMatchObject({ message_type: 'note', is_internal: true });
    const t = await state();
    expect(t).toMatchObject({ status: 'new', first_response_at: null });
    const view = await app.inject({
      method: 'GET',
      url: `/api/support/tickets/${ticket.id}/`,
      headers: session,
    });
    expect(view.body).not.toContain('SECRET');
  });

  it('can reply and set a status, checked against the lifecycle', async () => {
    const { reply, state } = await setup('open');
    expect((await reply({ message: 'Waiting for your photo', status: 'pending' })).statusCode).toBe(201);
    expect((await state()).status).toBe('pending');
    expect((await reply({ message: 'Done', status: 'resolved' })).statusCode).toBe(201);
    expect((await state()).resolved_at).not.toBeNull();
    const illegal = await reply({ message: 'x', status: 'pending' });
    expect(illegal.statusCode).toBe(422);
  });

  it('a customer reply reopens a pending or resolved ticket; a closed one takes none', async () => {
    for (const status of ['pending', 'resolved'] as const) {
      const { reply, state } = await setup(status);
      const res = await reply({ message: 'Still broken' }, 'customer');
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ message_type: 'customer', is_staff_reply: false });
      const t = await state();
      expect(t.status).toBe('open');
      expect(t.resolved_at).toBeNull();
    }
    const closed = await setup('closed');
    expect((await closed.reply({ message: 'hello?' }, 'customer')).statusCode).toBe(422);
  });

  it('customers cannot write notes, use templates or set a status', async () => {
    const { reply } = await setup('open');
    for (const extra of [{ is_internal: true }, { status: 'resolved' }, { template: 1 }]) {
      expect((await reply({ message: 'x', ...extra }, 'customer')).statusCode).toBe(403);
    }
  });

  it('renders a template and counts its use', async () => {
    const { ws, reply } = await setup('open');
    const template = await inWorkspace(db, ws.id, (tx) =>
      tx
        .insertInto('ticket_templates')
        .values({
          workspace_id: ws.id,
          name: 'Apology',
          content:
            'Hi {{customer.name}}, sorry about {{ticket.subject}} ({{ticket.ticket_number}}). — {{agent.name}}, {{workspace.name}}',
          language: 'en',
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const res = await reply({ template: template.id });
    expect(res.statusCode).toBe(201);
    expect(res.json<{ message: string }>().message).toMatch(
      /^Hi Cora Customer, sorry about Broken mug \(T[A-Z0-9]+-\d+\)\. — Test Admin, Workspace /,
    );
    await reply({ template: template.id, message: 'edited text' });
    const count = await inWorkspace(db, ws.id, (tx) =>
      tx
        .selectFrom('ticket_templates')
        .select('usage_count')
        .where('id', '=', template.id)
        .executeTakeFirstOrThrow(),
    );
    expect(count.usage_count).toBe(2);
  });

  it('refuses another workspace’s template, posting nothing and leaving it uncounted', async () => {
    const a = await setup('open');
    const b = await setup('open');
    const theirs = await inWorkspace(db, b.ws.id, (tx) =>
      tx
        .insertInto('ticket_templates')
        .values({ workspace_id: b.ws.id, name: 'Secret', content: 'SECRET wording', language: 'en' })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    for (const payload of [{ template: theirs.id }, { template: theirs.id, message: 'edited text' }]) {
      const res = await a.reply(payload);
      // A template the reply cannot use (unknown, inactive or foreign) is a bad id in the body: 400.
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
      expect(res.body).not.toContain('SECRET');
    }
    const { messages, count } = await asSystem(db, async (tx) => ({
      messages: await tx
        .selectFrom('support_ticket_messages')
        .select('id')
        .where('ticket_id', 'in', [a.ticket.id, b.ticket.id])
        .execute(),
      count: await tx
        .selectFrom('ticket_templates')
        .select('usage_count')
        .where('id', '=', theirs.id)
        .executeTakeFirstOrThrow(),
    }));
    expect(messages).toEqual([]);
    expect(count.usage_count).toBe(0);
    expect((await a.state()).status).toBe('open');
  });

  it('answers another workspace’s ticket with 404 and an empty message with 400', async () => {
    const a = await setup('open');
    const b = await setup('open');
    const res = await app.inject(
      asBearer(a.admin.token, {
        method: 'POST',
        url: `/api/support/tickets/${b.ticket.ticket_number}/reply/`,
        payload: { message: 'hi' },
      }),
    );
    expect(res.statusCode).toBe(404);
    expect((await a.reply({ message: '   ' })).statusCode).toBe(400);
    const other = await buildCustomer(db, a.ws);
    const otherSession = await customerSession(db, a.ws, other.id);
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/support/tickets/${a.ticket.id}/reply/`,
      headers: otherSession,
      payload: { message: 'let me in' },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('records a message.created event', async () => {
    const { ws, reply, ticket } = await setup('open');
    const res = await reply({ message: 'hi' });
    const id = res.json<{ id: number }>().id;
    const events = await inWorkspace(db, ws.id, (tx) =>
      tx
        .selectFrom('domain_events')
        .selectAll()
        .where('type', '=', 'message.created')
        .where('subject_id', '=', id)
        .execute(),
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({ ticket_id: ticket.id, is_internal: false });
  });
});
