import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { buildApp } from '../../app.js';
import { openDatabase } from '../../db/client.js';
import type { AppDeps } from '../../platform/deps.js';
import { createRealtime } from '../../platform/events/realtime.js';
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

const PORT = 3521;
const STREAM = `http://127.0.0.1:${PORT}/api/support/events/stream`;

let app: FastifyInstance;
let db: Database;
let deps: AppDeps;
let ws: Workspace;
let alex: { id: number; token: string };
let dana: { id: number; token: string };
let customerHeaders: Record<string, string>;
let ticket: SupportTicket;
const clients: SseClient[] = [];

beforeAll(async () => {
  ({ app, db, deps } = await testApp());
  await app.listen({ port: PORT, host: '127.0.0.1' });
  ws = await buildWorkspace(db);
  const a = await buildUser(db, ws, { name: 'Alex' });
  const d = await buildUser(db, ws, { name: 'Dana' });
  alex = { id: a.id, token: await buildToken(db, ws, a.id) };
  dana = { id: d.id, token: await buildToken(db, ws, d.id) };
  const c = await buildCustomer(db, ws);
  customerHeaders = { ...(await customerSession(db, ws, c.id)), 'x-workspace': ws.slug };
  ticket = await buildTicket(db, ws, { customerId: c.id, status: 'open' });
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

async function stream(headers: Record<string, string>) {
  const c = await openSse(STREAM, headers);
  clients.push(c);
  return c;
}
const presence = (token: string, state: string, id: number = ticket.id) =>
  app.inject(
    asBearer(token, { method: 'PUT', url: `/api/support/tickets/${id}/presence`, payload: { state } }),
  );
const presenceFrames = (c: SseClient) =>
  c
    .frames()
    .filter((f) => f.event === 'presence')
    .map((f) => JSON.parse(f.data ?? '{}') as Record<string, unknown>);

describe('PUT /api/support/tickets/{id}/presence', () => {
  it('announces an agent to the other agents, never to customers or the agent', async () => {
    const danaStream = await stream({ authorization: `Bearer ${dana.token}` });
    const alexStream = await stream({ authorization: `Bearer ${alex.token}` });
    const customerStream = await stream(customerHeaders);

    const res = await presence(alex.token, 'typing');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      you: { ticket_id: ticket.id, user: { id: alex.id, name: 'Alex' }, state: 'typing' },
      others: [],
    });

    await vi.waitFor(() => expect(presenceFrames(danaStream)).toHaveLength(1), { timeout: 5000 });
    const [frame] = presenceFrames(danaStream);
    expect(frame).toMatchObject({
      ticket_id: ticket.id,
      user: { id: alex.id, name: 'Alex' },
      state: 'typing',
    });
    expect(Date.parse(frame?.expires_at as string) - Date.now()).toBeGreaterThan(20_000);

    // Dana's own announcement lists Alex as on the ticket, and reaches Alex.
    const danaRes = await presence(dana.token, 'viewing');
    expect(danaRes.json<{ others: { user: { id: number } }[] }>().others.map((o) => o.user.id)).toEqual([
      alex.id,
    ]);
    await vi.waitFor(() => expect(presenceFrames(alexStream)).toHaveLength(1), { timeout: 5000 });
    expect(presenceFrames(alexStream)[0]).toMatchObject({ user: { id: dana.id }, state: 'viewing' });

    expect((await presence(alex.token, 'left')).statusCode).toBe(200);
    await vi.waitFor(() => expect(presenceFrames(danaStream)).toHaveLength(2), { timeout: 5000 });
    expect(presenceFrames(danaStream)[1]).toMatchObject({ user: { id: alex.id }, state: 'left' });
    const after = await presence(dana.token, 'viewing');
    expect(after.json<{ others: unknown[] }>().others).toEqual([]);

    expect(customerStream.raw()).not.toContain('presence');
    expect(presenceFrames(alexStream).some((f) => (f.user as { id: number }).id === alex.id)).toBe(false);
  });

  it('is staff only, 404s another workspace’s ticket and 400s an unknown state', async () => {
    const customer = await app.inject({
      method: 'PUT',
      url: `/api/support/tickets/${ticket.id}/presence`,
      headers: customerHeaders,
      payload: { state: 'viewing' },
    });
    expect(customer.statusCode).toBe(403);
    const other = await buildAdmin(db, await buildWorkspace(db));
    expect((await presence(other.token, 'viewing')).statusCode).toBe(404);
    expect((await presence(alex.token, 'dancing')).statusCode).toBe(400);
  });

  it('reaches the streams of another process on the same database, as events do', async () => {
    const otherDb = await openDatabase({ databaseUrl: inject('databaseUrl'), dataDir: '', poolSize: 4 });
    const realtime = createRealtime(otherDb, deps.log);
    const second = await buildApp({ ...deps, db: otherDb, realtime });
    try {
      await second.listen({ port: PORT + 2, host: '127.0.0.1' });
      const there = await openSse(`http://127.0.0.1:${PORT + 2}/api/support/events/stream`, {
        authorization: `Bearer ${dana.token}`,
      });
      clients.push(there);
      const here = await stream({ authorization: `Bearer ${dana.token}` });
      // Written through this process; read by both.
      const reply = await app.inject(
        asBearer(alex.token, {
          method: 'POST',
          url: `/api/support/tickets/${ticket.id}/reply/`,
          payload: { message: 'from process one' },
        }),
      );
      expect(reply.statusCode).toBe(201);
      const id = reply.json<{ id: number }>().id;
      for (const c of [here, there]) {
        await vi.waitFor(() => expect(c.events().map((e) => e.data.subject_id)).toEqual([id]), {
          timeout: 5000,
        });
      }
      expect(there.events()[0]?.id).toBe(here.events()[0]?.id);
      expect((await presence(alex.token, 'typing')).statusCode).toBe(200);
      await vi.waitFor(() => expect(presenceFrames(there)).toHaveLength(1), { timeout: 5000 });
    } finally {
      for (const c of clients.splice(0)) c.close();
      await second.close();
      await realtime.stop();
      await otherDb.close();
    }
  });
});
