import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
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

let app: FastifyInstance;
let db: Database;
let ws: Workspace;
let me: string;
let dana: { id: number; token: string };
let customer: { id: number; headers: Record<string, string> };

beforeAll(async () => {
  ({ app, db } = await testApp());
  ws = await buildWorkspace(db);
  me = await buildToken(db, ws, (await buildUser(db, ws, { name: 'Alex' })).id);
  const d = await buildUser(db, ws, { name: 'Dana' });
  dana = { id: d.id, token: await buildToken(db, ws, d.id) };
  const c = await buildCustomer(db, ws);
  customer = { id: c.id, headers: { ...(await customerSession(db, ws, c.id)), 'x-workspace': ws.slug } };
});

const openTicket = () => buildTicket(db, ws, { customerId: customer.id, status: 'open' });

async function load(ticket: SupportTicket, token = me) {
  const res = await app.inject(asBearer(token, { method: 'GET', url: `/api/support/tickets/${ticket.id}/` }));
  expect(res.statusCode).toBe(200);
  return { etag: res.headers.etag as string, version: res.json<{ version: number }>().version };
}

function reply(ticket: SupportTicket, token: string, payload: object, headers: Record<string, string> = {}) {
  return app.inject(
    asBearer(token, { method: 'POST', url: `/api/support/tickets/${ticket.id}/reply/`, payload, headers }),
  );
}

function problem(res: LightMyRequestResponse) {
  expect(res.headers['content-type']).toContain('application/problem+json');
  return res.json<{
    code: string;
    detail: string;
    version: number;
    based_on: number;
    messages: { id: number; sender_name: string; is_internal: boolean; excerpt: string }[];
    changes: { field: string; new: string; actor: { user_id: number; name: string } }[];
  }>();
}

describe('collision detection', () => {
  it('answers 409 naming the newer message when a reply is based on a stale version', async () => {
    const ticket = await openTicket();
    const loaded = await load(ticket);
    expect(loaded.etag).toBe(`"${loaded.version}"`);
    const theirs = await reply(ticket, dana.token, { message: 'Refund issued already' });
    expect(theirs.statusCode).toBe(201);

    const stale = await reply(ticket, me, { message: 'I will refund you' }, { 'if-match': loaded.etag });
    expect(stale.statusCode).toBe(409);
    const p = problem(stale);
    expect(p.code).toBe('CONFLICT');
    expect(p.detail).toMatch(/^Dana replied \d+ s ago/);
    expect(p.based_on).toBe(loaded.version);
    expect(p.version).toBeGreaterThan(loaded.version);
    expect(p.messages).toEqual([
      expect.objectContaining({
        id: theirs.json<{ id: number }>().id,
        sender_name: 'Dana',
        is_internal: false,
        excerpt: 'Refund issued already',
      }),
    ]);

    // Reloaded, the same reply goes through (also with based_on in the body).
    const fresh = await load(ticket);
    expect((await reply(ticket, me, { message: 'Sorry', based_on: fresh.version })).statusCode).toBe(201);
  });

  it('proceeds as before without a version, and ignores the agent’s own changes', async () => {
    const ticket = await openTicket();
    const loaded = await load(ticket);
    expect((await reply(ticket, dana.token, { message: 'first' })).statusCode).toBe(201);
    expect((await reply(ticket, me, { message: 'no version given' })).statusCode).toBe(201);

    const mine = await openTicket();
    const v = await load(mine);
    expect((await reply(mine, me, { message: 'one', is_internal: true })).statusCode).toBe(201);
    expect((await reply(mine, me, { message: 'two', based_on: v.version })).statusCode).toBe(201);
    expect(loaded.version).toBeGreaterThan(0);
  });

  it('counts an internal note and a status change as changes, for PATCH and PUT status too', async () => {
    const ticket = await openTicket();
    const loaded = await load(ticket);
    const note = await reply(ticket, dana.token, { message: 'VIP customer', is_internal: true });
    const stale = await reply(ticket, me, { message: 'hello', based_on: loaded.version });
    expect(stale.statusCode).toBe(409);
    expect(problem(stale).messages.map((m) => [m.id, m.is_internal])).toEqual([
      [note.json<{ id: number }>().id, true],
    ]);

    const before = await load(ticket);
    const moved = await app.inject(
      asBearer(dana.token, {
        method: 'PUT',
        url: `/api/support/tickets/${ticket.id}/status/`,
        payload: { status: 'pending' },
      }),
    );
    expect(moved.statusCode).toBe(200);
    const patch = await app.inject(
      asBearer(me, {
        method: 'PATCH',
        url: `/api/support/tickets/${ticket.id}/`,
        payload: { subject: 'New subject' },
        headers: { 'if-match': before.etag },
      }),
    );
    expect(patch.statusCode).toBe(409);
    const p = problem(patch);
    expect(p.detail).toMatch(/^Dana changed status/);
    expect(p.changes).toContainEqual(
      expect.objectContaining({ field: 'status', new: 'pending', actor: { user_id: dana.id, name: 'Dana' } }),
    );
    const status = await app.inject(
      asBearer(me, {
        method: 'PUT',
        url: `/api/support/tickets/${ticket.id}/status/`,
        payload: { status: 'resolved', based_on: before.version },
      }),
    );
    expect(status.statusCode).toBe(409);
  });

  it('shows customers no version, ignores their If-Match and refuses their based_on', async () => {
    const ticket = await openTicket();
    const detail = await app.inject({
      method: 'GET',
      url: `/api/support/tickets/${ticket.id}/`,
      headers: customer.headers,
    });
    expect(detail.statusCode).toBe(200);
    expect(detail.headers.etag).toBeUndefined();
    expect(detail.json()).not.toHaveProperty('version');
    const url = `/api/support/tickets/${ticket.id}/reply/`;
    const withHeader = await app.inject({
      method: 'POST',
      url,
      headers: { ...customer.headers, 'if-match': '"1"' },
      payload: { message: 'hi' },
    });
    expect(withHeader.statusCode).toBe(201);
    const withBody = await app.inject({
      method: 'POST',
      url,
      headers: customer.headers,
      payload: { message: 'hi', based_on: 1 },
    });
    expect(withBody.statusCode).toBe(403);
  });

  it('answers 400 for a malformed If-Match and 404 for another workspace’s ticket', async () => {
    const ticket = await openTicket();
    const bad = await reply(ticket, me, { message: 'x' }, { 'if-match': 'yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).code).toBe('VALIDATION_FAILED');
    const other = await buildTicket(db, await buildWorkspace(db), {});
    const foreign = await reply(other, me, { message: 'x', based_on: 1 });
    expect(foreign.statusCode).toBe(404);
    const admin = await buildAdmin(db, ws);
    expect((await reply(ticket, admin.token, { message: 'ok', based_on: 1 })).statusCode).toBe(201);
  });
});
