import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client.js';
import type { SupportTicket, Workspace } from '../../db/schema.js';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildTicket,
  buildToken,
  buildUser,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';
import { openSse, type SseClient } from '../../test/sse-client.js';
import { MAX_REPLAY_EVENTS } from './hub.js';

const METRICS = 'metrics-token-for-the-stream-test';
// A port of the system's choosing (set in beforeAll): other runs on this machine may hold any fixed one.
let BASE = '';

let app: FastifyInstance;
let db: Database;
let ws: Workspace;
let agentToken: string;
let customer1: { id: number; headers: Record<string, string> };
let customer2: { id: number; headers: Record<string, string> };
let ticket1: SupportTicket;
let otherToken: string;
const clients: SseClient[] = [];

async function stream(headers: Record<string, string>, query = ''): Promise<SseClient> {
  const c = await openSse(BASE + query, headers);
  clients.push(c);
  return c;
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function reply(ticket: SupportTicket, body: Record<string, unknown>, token = agentToken) {
  const res = await app.inject(
    asBearer(token, { method: 'POST', url: `/api/support/tickets/${ticket.id}/reply/`, payload: body }),
  );
  expect(res.statusCode).toBe(201);
  return res.json<{ id: number }>();
}

beforeAll(async () => {
  const t = await testApp({ env: { METRICS_TOKEN: METRICS } });
  app = t.app;
  db = t.db;
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  BASE = `${url}/api/support/events/stream`;
  ws = await buildWorkspace(db);
  agentToken = await buildToken(db, ws, (await buildUser(db, ws)).id);
  const c1 = await buildCustomer(db, ws);
  const c2 = await buildCustomer(db, ws);
  customer1 = { id: c1.id, headers: { ...(await customerSession(db, ws, c1.id)), 'x-workspace': ws.slug } };
  customer2 = { id: c2.id, headers: { ...(await customerSession(db, ws, c2.id)), 'x-workspace': ws.slug } };
  ticket1 = await buildTicket(db, ws, { customerId: c1.id, status: 'open' });
  otherToken = (await buildAdmin(db, await buildWorkspace(db))).token;
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

describe('GET /api/support/events/stream', () => {
  it('answers 401 without a principal and 400 for a malformed Last-Event-ID, as problem+json', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/support/events/stream' });
    expect(anonymous.statusCode).toBe(401);
    const bad = await app.inject(
      asBearer(agentToken, {
        method: 'GET',
        url: '/api/support/events/stream',
        headers: { 'last-event-id': 'yesterday' },
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it("gives customers only their own tickets' public events, and other workspaces nothing", async () => {
    const agent = await stream(bearer(agentToken));
    const own = await stream(customer1.headers);
    const otherCustomer = await stream(customer2.headers);
    const otherWorkspace = await stream(bearer(otherToken));
    expect([agent.status, own.status, otherCustomer.status, otherWorkspace.status]).toEqual([
      200, 200, 200, 200,
    ]);

    const publicReply = await reply(ticket1, { message: 'We are on it' });
    const note = await reply(ticket1, { message: 'customer seems upset', is_internal: true });
    const patched = await app.inject(
      asBearer(agentToken, {
        method: 'PATCH',
        url: `/api/support/tickets/${ticket1.id}/`,
        payload: { subject: 'Parcel lost', priority: 'high' },
      }),
    );
    expect(patched.statusCode).toBe(200);
    const customerReply = await app.inject({
      method: 'POST',
      url: `/api/support/tickets/${ticket1.id}/reply/`,
      headers: customer1.headers,
      payload: { message: 'Thanks!' },
    });
    expect(customerReply.statusCode).toBe(201);

    // Staff see all four, the internal note included.
    await vi.waitFor(() => expect(agent.events().length).toBe(4), { timeout: 5000 });
    const staffNote = agent.events().find((e) => e.data.subject_id === note.id);
    expect(staffNote?.data).toMatchObject({
      type: 'message.created',
      ticket_id: ticket1.id,
      payload: { is_internal: true },
    });
    await vi.waitFor(() => expect(own.events().length).toBe(3), { timeout: 5000 });

    const seen = own.events();
    expect(seen.map((e) => e.event)).toEqual(['message.created', 'ticket.updated', 'message.created']);
    for (const e of seen) {
      expect(Object.keys(e.data).sort()).toEqual(['created_at', 'id', 'payload', 'ticket_id', 'type']);
      expect(e.data.ticket_id).toBe(ticket1.id);
    }
    expect(seen[0]?.data.payload).toEqual({ message_id: publicReply.id, message_type: 'agent' });
    // Subject and priority are customer-visible; only whitelisted fields travel, old → new.
    const changes = (seen[1]?.data.payload as { changes: { field: string }[] }).changes;
    expect(changes.map((c) => c.field).sort()).toEqual(['priority', 'subject']);
    expect(changes).toContainEqual({ field: 'subject', old: 'Parcel never arrived', new: 'Parcel lost' });
    // Nothing on the wire tells the customer that a note exists.
    const raw = own.raw();
    expect(raw).not.toContain('is_internal');
    expect(raw).not.toContain('"note"');
    expect(raw).not.toContain(`"message_id":${note.id}`);
    expect(raw).not.toContain(`"id":${staffNote?.data.id as number}`);
    expect(raw).not.toContain('actor');

    expect(otherCustomer.events()).toEqual([]);
    expect(otherWorkspace.events()).toEqual([]);
    // Not a frame of data at all (only the retry line): a ticket id as a bare number would also match
    // the "retry: 3000" line.
    expect(otherWorkspace.raw()).not.toMatch(/^(data|id|event):/m);
  });

  it('resumes after Last-Event-ID (header or query) without losing or repeating an event', async () => {
    const ticket = await buildTicket(db, ws, { customerId: customer1.id, status: 'open' });
    const first = await stream(bearer(agentToken));
    const sent = [await reply(ticket, { message: 'one' }), await reply(ticket, { message: 'two' })];
    await vi.waitFor(() => expect(first.events().length).toBe(2), { timeout: 5000 });
    const resumeAt = first.events()[0]!.id;
    first.close();
    sent.push(await reply(ticket, { message: 'three', is_internal: true }));
    sent.push(await reply(ticket, { message: 'four' }));

    for (const how of ['header', 'query'] as const) {
      const again =
        how === 'header'
          ? await stream({ ...bearer(agentToken), 'last-event-id': resumeAt })
          : await stream(bearer(agentToken), `?last_event_id=${resumeAt}`);
      const missed = sent.slice(1).map((m) => m.id);
      await vi.waitFor(() => expect(again.events().length).toBe(missed.length), { timeout: 5000 });
      const live = await reply(ticket, { message: `live ${how}` });
      sent.push(live);
      await vi.waitFor(() => expect(again.events().length).toBe(missed.length + 1), { timeout: 5000 });
      expect(again.events().map((e) => e.data.subject_id)).toEqual([...missed, live.id]);
      again.close();
    }
  });

  it('names the log position on every read: a stream opened from it tells what came after the read', async () => {
    const ticket = await buildTicket(db, ws, { customerId: customer1.id, status: 'open' });
    const subjects = (c: SseClient) => c.events().map((e) => e.data.subject_id);
    // The feed runs once the process serves streams (a web process starts it at boot).
    const live = await stream(bearer(agentToken));
    const before = await reply(ticket, { message: 'before the read' });
    await vi.waitFor(() => expect(subjects(live)).toContain(before.id), { timeout: 5000 });
    const read = async () => {
      const res = await app.inject(
        asBearer(agentToken, { method: 'GET', url: `/api/support/tickets/${ticket.id}/` }),
      );
      expect(res.statusCode).toBe(200);
      return String(res.headers['x-event-position']);
    };
    const position = await read();
    expect(position).toMatch(/^\d+-\d+$/);
    // Not for anonymous visitors: the position counts every workspace's events.
    const anonymous = await app.inject({
      method: 'GET',
      url: `/api/support/kb/search/?q=parcel&workspace=${ws.slug}`,
    });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.headers['x-event-position']).toBeUndefined();
    const after = await reply(ticket, { message: 'after the read' });
    // A page whose stream opens only now, from its read's position: told of the reply after the read only.
    const late = await stream(bearer(agentToken), `?last_event_id=${position}`);
    await vi.waitFor(() => expect(subjects(late)).toContain(after.id), { timeout: 5000 });
    expect(subjects(late)).not.toContain(before.id);

    // Reconnecting, EventSource sends Last-Event-ID and keeps the URL it was opened with: the header wins.
    await vi.waitFor(() => expect(subjects(live)).toContain(after.id), { timeout: 5000 });
    const later = await read();
    const resumed = await stream(
      { ...bearer(agentToken), 'last-event-id': later },
      `?last_event_id=${position}`,
    );
    const next = await reply(ticket, { message: 'after the reconnect' });
    await vi.waitFor(() => expect(subjects(resumed)).toContain(next.id), { timeout: 5000 });
    expect(subjects(resumed)).not.toContain(after.id);
  });

  it('replays at most MAX_REPLAY_EVENTS, then sends one reset frame and goes on live', async () => {
    const ticket = await buildTicket(db, ws, { customerId: customer1.id, status: 'open' });
    const first = await stream(bearer(agentToken));
    await reply(ticket, { message: 'before the gap' });
    await vi.waitFor(() => expect(first.events().length).toBe(1), { timeout: 5000 });
    const resumeAt = first.events()[0]!.id;
    first.close();
    // A weekend's worth of events while the laptop slept.
    await db.raw.query(
      `INSERT INTO domain_events (workspace_id, type, subject_type, subject_id, payload)
       SELECT $1, 'test.filler', 'ticket', $2, '{}'::jsonb FROM generate_series(1, $3::int)`,
      [ws.id, ticket.id, MAX_REPLAY_EVENTS + 100],
    );
    const again = await stream({ ...bearer(agentToken), 'last-event-id': resumeAt });
    await vi.waitFor(() => expect(again.frames().some((f) => f.event === 'reset')).toBe(true), {
      timeout: 20_000,
    });
    const frames = again.frames();
    const reset = frames.findIndex((f) => f.event === 'reset');
    expect(frames[reset]!.id).toBeUndefined();
    expect(JSON.parse(frames[reset]!.data ?? '{}')).toMatchObject({ reason: 'too_far_behind' });
    expect(frames.slice(0, reset).filter((f) => f.id).length).toBeLessThanOrEqual(MAX_REPLAY_EVENTS);
    // Live from now on: the next reply arrives after the reset frame.
    const live = await reply(ticket, { message: 'after the reset' });
    await vi.waitFor(() => expect(again.events().some((e) => e.data.subject_id === live.id)).toBe(true), {
      timeout: 5000,
    });
    expect(again.frames().filter((f) => f.event === 'reset')).toHaveLength(1);
  });

  it('drops a client that stops reading instead of buffering for it', async () => {
    const slow = await stream(bearer(agentToken));
    const ended = new Promise<void>((resolve) => slow.socket.once('close', () => resolve()));
    slow.socket.pause();
    const big = 'x'.repeat(256 * 1024);
    // 48 events of 256 KiB: more than the kernel's socket buffers and the 1 MiB allowed per stream.
    for (let i = 0; i < 48; i += 1) {
      await db.raw.query(
        `INSERT INTO domain_events (workspace_id, type, subject_type, subject_id, payload)
         VALUES ($1, 'test.bulky', 'ticket', $2, jsonb_build_object('blob', $3::text))`,
        [ws.id, ticket1.id, big],
      );
    }
    const dropped = async () =>
      (
        await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS}` } })
      ).body.match(/^sse_dropped_total (\d+)/m)?.[1];
    await vi.waitFor(async () => expect(await dropped()).toBe('1'), { timeout: 20_000 });
    // The server hung up: once the client reads again it sees the end, after far less than was sent.
    slow.socket.resume();
    await ended;
    expect(slow.raw().length).toBeLessThan(48 * big.length);
  });
});
