import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inWorkspace } from '../../../db/tenant.js';
import { asBearer, testApp } from '../../../test/app.js';
import { buildAdmin, buildWorkspace, customerSession } from '../../../test/factories.js';
import { storedEvents } from '../../../test/stored-events.js';
import { openWs, type Frame, type WsClient } from '../../../test/ws-client.js';
import { routingContext } from '../../assignment/test-helpers.js';
import { chatMailSubscriber } from './mail-replies.js';
import { reofferChat } from './reoffer-job.js';
import { signCustomerToken } from './tokens.js';

const { app, db, deps } = await testApp();
let base = '';
const open: WsClient[] = [];

beforeAll(async () => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/support/chat/socket`;
});
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

async function ws(slug: string, headers: Record<string, string> = {}) {
  const c = await openWs(`${base}?workspace=${slug}`, headers);
  open.push(c);
  return c;
}

/** A workspace whose chats go to a round-robin team of `agents` available agents. */
async function chatWorkspace(agents = 2) {
  const ctx = await routingContext(app, db, { mode: 'round_robin', agents });
  const res = await ctx.call('PATCH', '/api/support/admin/channels/', { chat_team: ctx.team.id });
  expect(res.statusCode, res.body).toBe(200);
  const start = async (
    payload: object = { name: 'Vera Visitor', email: 'vera@example.test', message: 'Hi!' },
  ) => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/support/chat/start',
      headers: { 'x-workspace': ctx.ws.slug },
      payload,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{
      token: string;
      conversation_id: number;
      ticket_number: string;
      status: string;
      identified: boolean;
    }>();
  };
  const ticketOf = (number: string) =>
    inWorkspace(db, ctx.ws.id, (tx) =>
      tx
        .selectFrom('support_tickets')
        .selectAll()
        .where('ticket_number', '=', number)
        .executeTakeFirstOrThrow(),
    );
  const messages = (ticketId: number) =>
    inWorkspace(db, ctx.ws.id, (tx) =>
      tx
        .selectFrom('support_ticket_messages')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .where('message_type', '!=', 'system')
        .orderBy('id')
        .execute(),
    );
  const staff = (token: string) => ws(ctx.ws.slug, { authorization: `Bearer ${token}` });
  const visitor = async (token: string, after?: number) => {
    const c = await ws(ctx.ws.slug);
    c.send({ type: 'auth', token, ...(after !== undefined ? { after } : {}) });
    await c.next((f) => f.type === 'ready');
    return c;
  };
  return { ...ctx, start, ticketOf, messages, staff, visitor };
}

const isLine = (text: string) => (f: Frame) => f.type === 'message' && f.text === text;

describe('live chat', () => {
  it('round trip: visitor → ticket → agent (typing both ways) → visitor', async () => {
    const c = await chatWorkspace();
    const avail = await app.inject({
      method: 'GET',
      url: `/api/support/chat/availability?workspace=${c.ws.slug}`,
    });
    expect(avail.json()).toMatchObject({ enabled: true, available: true, agents_available: 2 });
    const chat = await c.start();
    expect(chat.status).toBe('offered');
    const ticket = await c.ticketOf(chat.ticket_number);
    expect(ticket).toMatchObject({ channel: 'chat', description: 'Hi!' });
    expect(c.agents.map((a) => a.id)).toContain(ticket.assigned_to_id);
    const agent = c.agents.find((a) => a.id === ticket.assigned_to_id)!;

    const desk = await c.staff(agent.token);
    await desk.next((f) => f.type === 'ready');
    const widget = await c.visitor(chat.token);

    widget.send({ type: 'message', client_id: 'v1', text: 'Where is my parcel?' });
    const ack = await widget.next((f) => f.type === 'ack' && f.client_id === 'v1');
    const atDesk = await desk.next(isLine('Where is my parcel?'));
    expect(atDesk).toMatchObject({ id: ack.id, author: 'visitor', ticket_id: ticket.id });

    widget.send({ type: 'typing', typing: true });
    expect(await desk.next((f) => f.type === 'typing')).toMatchObject({
      who: 'visitor',
      typing: true,
      ticket_id: ticket.id,
    });
    desk.send({ type: 'typing', ticket_id: ticket.id, typing: true });
    expect(await widget.next((f) => f.type === 'typing')).toMatchObject({ who: 'agent', typing: true });

    desk.send({ type: 'message', ticket_id: ticket.id, client_id: 'a1', text: 'It ships today.' });
    await desk.next((f) => f.type === 'ack' && f.client_id === 'a1');
    expect(await widget.next(isLine('It ships today.'))).toMatchObject({ author: 'agent', client_id: null });
    expect(await widget.next((f) => f.type === 'status' && f.status === 'active')).toMatchObject({
      agent_id: agent.id,
    });

    const rows = await c.messages(ticket.id);
    expect(rows.map((m) => [m.message_type, m.message])).toEqual([
      ['customer', 'Where is my parcel?'],
      ['agent', 'It ships today.'],
    ]);
  });

  it('a reconnect mid-chat loses nothing and doubles nothing', async () => {
    const c = await chatWorkspace(1);
    const chat = await c.start();
    const ticket = await c.ticketOf(chat.ticket_number);
    const agent = c.agents[0]!;
    const first = await c.visitor(chat.token);
    first.send({ type: 'message', client_id: 'v1', text: 'one' });
    const ack1 = await first.next((f) => f.type === 'ack' && f.client_id === 'v1');
    // The connection drops before "two" is acknowledged.
    first.send({ type: 'message', client_id: 'v2', text: 'two' });
    first.close();
    await first.closed;

    // Meanwhile the agent answers.
    const desk = await c.staff(agent.token);
    await desk.next((f) => f.type === 'ready');
    desk.send({ type: 'message', ticket_id: ticket.id, client_id: 'a1', text: 'answer while away' });
    await desk.next((f) => f.type === 'ack');

    // The widget comes back, resumes after the last line it saw and sends its unacknowledged line again.
    const again = await c.visitor(chat.token, Number(ack1.id));
    again.send({ type: 'message', client_id: 'v2', text: 'two' });
    await again.next((f) => f.type === 'ack' && f.client_id === 'v2');
    await again.next(isLine('answer while away'));
    again.send({ type: 'ping' });
    await again.next((f) => f.type === 'pong');

    const rows = await c.messages(ticket.id);
    expect(rows.map((m) => m.message)).toEqual(['one', 'two', 'answer while away']);
    const lines = again.frames.filter((f) => f.type === 'message');
    expect(lines.map((f) => f.text).sort()).toEqual(['answer while away', 'two']);
    expect(new Set(lines.map((f) => f.id)).size).toBe(lines.length);
  });

  it('with nobody available it says so, goes on by email and mails the transcript', async () => {
    const c = await chatWorkspace(1);
    const res = await c.setAvailability(c.agents[0]!.token, 'away');
    expect(res.statusCode, res.body).toBe(200);
    const avail = await app.inject({
      method: 'GET',
      url: `/api/support/chat/availability?workspace=${c.ws.slug}`,
    });
    expect(avail.json()).toMatchObject({ available: false, expected_wait_seconds: null });
    const chat = await c.start({
      name: 'Eve',
      email: 'eve@example.test',
      message: 'Anyone?',
      language: 'de',
    });
    expect(chat.status).toBe('email');
    const ticket = await c.ticketOf(chat.ticket_number);
    const mails = () =>
      inWorkspace(db, c.ws.id, (tx) =>
        tx
          .selectFrom('outbound_emails')
          .selectAll()
          .where('ticket_id', '=', ticket.id)
          .orderBy('id')
          .execute(),
      );
    expect((await mails()).map((m) => [m.to_address, m.subject])).toEqual([
      ['eve@example.test', `[${chat.ticket_number}] Wir haben Ihre Chat-Nachricht erhalten`],
    ]);

    // An agent answers from the desk, adds a note: the reply is mailed (once), the note never.
    const before = (await storedEvents(db, c.ws.id)).at(-1)?.id ?? 0;
    for (const body of [{ message: 'We are on it.' }, { message: 'secret note', is_internal: true }]) {
      const r = await app.inject(
        asBearer(c.admin.token, {
          method: 'POST',
          url: `/api/support/tickets/${ticket.id}/reply/`,
          payload: body,
        }),
      );
      expect(r.statusCode, r.body).toBe(201);
    }
    const subscriber = chatMailSubscriber({ db, jobs: deps.jobs });
    for (const e of await storedEvents(db, c.ws.id, { afterId: before, types: ['message.created'] })) {
      await subscriber.handle(e);
      await subscriber.handle(e);
    }
    const transcript = await app.inject({
      method: 'POST',
      url: '/api/support/chat/transcript',
      headers: { 'x-workspace': c.ws.slug, 'x-chat-token': chat.token },
    });
    expect(transcript.statusCode, transcript.body).toBe(202);
    const all = await mails();
    expect(all).toHaveLength(3);
    expect(all[1]!.text_body).toContain('We are on it.');
    expect(all[2]!.subject).toContain('Chat-Verlauf');
    expect(all[2]!.text_body).toContain('Anyone?');
    expect(all[2]!.text_body).toContain('We are on it.');
    expect(all.map((m) => m.text_body).join()).not.toContain('secret note');
  });

  it('re-offers an unanswered chat to the next agent by the team rules (a pg-boss job)', async () => {
    const c = await chatWorkspace(2);
    const chat = await c.start();
    const first = (await c.ticketOf(chat.ticket_number)).assigned_to_id;
    const jobs = await db.raw.query<{ start_after: Date; created_on: Date }>(
      `SELECT start_after, created_on FROM pgboss.job WHERE name = 'chat.reoffer' AND data->>'conversationId' = $1`,
      [String(chat.conversation_id)],
    );
    expect(jobs.rows).toHaveLength(1);
    const delay = jobs.rows[0]!.start_after.getTime() - jobs.rows[0]!.created_on.getTime();
    expect(delay).toBeGreaterThan(55_000);

    const payload = { workspaceId: c.ws.id, conversationId: chat.conversation_id, round: 1 };
    expect(await reofferChat({ db, jobs: deps.jobs, now: () => new Date() }, payload)).toBe('offered');
    const second = (await c.ticketOf(chat.ticket_number)).assigned_to_id;
    expect(second).not.toBe(first);
    expect(c.agents.map((a) => a.id)).toContain(second);
    // The job of the old round, run late or again, changes nothing.
    expect(await reofferChat({ db, jobs: deps.jobs, now: () => new Date() }, payload)).toBe('stale');
    // Answered: the next round's job finds it active and leaves it.
    const desk = await c.staff(c.agents.find((a) => a.id === second)!.token);
    await desk.next((f) => f.type === 'ready');
    const ticketId = (await c.ticketOf(chat.ticket_number)).id;
    desk.send({ type: 'message', ticket_id: ticketId, client_id: 'x', text: 'hello' });
    await desk.next((f) => f.type === 'ack');
    expect(await reofferChat({ db, jobs: deps.jobs, now: () => new Date() }, { ...payload, round: 2 })).toBe(
      'stale',
    );
  });

  it('keeps visitors to their own chat, never shows them notes, and keeps workspaces apart', async () => {
    const c = await chatWorkspace(1);
    const chat = await c.start();
    const ticket = await c.ticketOf(chat.ticket_number);
    const widget = await c.visitor(chat.token);
    const note = await app.inject(
      asBearer(c.admin.token, {
        method: 'POST',
        url: `/api/support/tickets/${ticket.id}/reply/`,
        payload: { message: 'internal only', is_internal: true },
      }),
    );
    expect(note.statusCode).toBe(201);
    const desk = await c.staff(c.admin.token);
    await desk.next((f) => f.type === 'ready');
    desk.send({ type: 'history', ticket_id: ticket.id });
    expect(await desk.next(isLine('internal only'))).toMatchObject({ author: 'note' });
    desk.send({ type: 'message', ticket_id: ticket.id, client_id: 'p', text: 'public' });
    await widget.next(isLine('public'));
    expect(widget.frames.some((f) => f.text === 'internal only')).toBe(false);
    // Staff-only frames from a visitor are refused.
    widget.send({ type: 'history', ticket_id: ticket.id });
    expect(await widget.next((f) => f.type === 'error')).toMatchObject({ code: 'FORBIDDEN' });

    // The token is no key in another workspace; a wrong token closes the socket.
    const other = await buildWorkspace(db);
    const stranger = await ws(other.slug);
    stranger.send({ type: 'auth', token: chat.token });
    expect((await stranger.closed).code).toBe(4401);
    // Another workspace's admin cannot write into this chat.
    const otherAdmin = await buildAdmin(db, other);
    const intruder = await ws(other.slug, { authorization: `Bearer ${otherAdmin.token}` });
    await intruder.next((f) => f.type === 'ready');
    intruder.send({ type: 'message', ticket_id: ticket.id, client_id: 'z', text: 'hi' });
    expect(await intruder.next((f) => f.type === 'error')).toMatchObject({
      code: 'NOT_FOUND',
      client_id: 'z',
    });
    const list = await app.inject(
      asBearer(otherAdmin.token, { method: 'GET', url: '/api/support/chat/conversations/' }),
    );
    expect(list.json<{ results: unknown[] }>().results).toEqual([]);
    const mine = await app.inject(
      asBearer(c.agentToken, { method: 'GET', url: '/api/support/chat/conversations/' }),
    );
    expect(mine.json<{ results: { ticket_number: string }[] }>().results.map((r) => r.ticket_number)).toEqual(
      [chat.ticket_number],
    );
    // A customer's session is no staff access.
    const session = await customerSession(db, c.ws, ticket.customer_id);
    const asCustomer = await app.inject({
      method: 'GET',
      url: '/api/support/chat/conversations/',
      headers: session,
    });
    expect(asCustomer.statusCode).toBe(403);
    expect(asCustomer.headers['content-type']).toContain('application/problem+json');
  });

  it('recognises a shop customer by a signed token and refuses a forged one', async () => {
    const c = await chatWorkspace(1);
    const rotated = await c.call('POST', '/api/support/admin/channels/secrets/chat_identity/rotate/');
    expect(rotated.statusCode, rotated.body).toBe(200);
    const secret = rotated.json<{ secret: string }>().secret;
    const exp = Math.floor(Date.now() / 1000) + 600;
    const token = signCustomerToken(secret, { email: 'Shop.Buyer@Example.test', name: 'Sam Shop', exp });
    const chat = await c.start({ customer_token: token, message: 'order 77' });
    expect(chat.identified).toBe(true);
    const ticket = await c.ticketOf(chat.ticket_number);
    const customer = await inWorkspace(db, c.ws.id, (tx) =>
      tx.selectFrom('customers').selectAll().where('id', '=', ticket.customer_id).executeTakeFirstOrThrow(),
    );
    expect(customer).toMatchObject({ email: 'shop.buyer@example.test', name: 'Sam Shop' });
    for (const bad of [
      token.replace(/.$/, (ch) => (ch === '0' ? '1' : '0')),
      signCustomerToken(secret, { email: 'x@example.test', exp: 1 }),
      'nonsense',
    ]) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/support/chat/start',
        headers: { 'x-workspace': c.ws.slug },
        payload: { customer_token: bad },
      });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });

  it('channel settings are admin-only and check their input', async () => {
    const c = await chatWorkspace(1);
    const asAgent = await c.call('GET', '/api/support/admin/channels/', undefined, c.agentToken);
    expect(asAgent.statusCode).toBe(403);
    const bad = await c.call('PATCH', '/api/support/admin/channels/', { chat_offer_timeout_seconds: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const otherTeam = (await routingContext(app, db, { mode: 'manual', agents: 1 })).team.id;
    const foreign = await c.call('PATCH', '/api/support/admin/channels/', { chat_team: otherTeam });
    expect(foreign.statusCode).toBe(400);
    const got = await c.call('GET', '/api/support/admin/channels/');
    expect(got.json()).toMatchObject({ chat_team: c.team.id, has_telephony_secret: false });
  });
});
