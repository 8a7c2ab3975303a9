import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { adminContext } from '../../test/admin-context.js';
import { testApp } from '../../test/app.js';
import { buildCustomer, buildTicket, customerSession, priorityOf } from '../../test/factories.js';

const { app, db } = await testApp();
const BASE = '/api/support/admin/priorities/';

async function setup() {
  return adminContext(app, db, BASE);
}

describe('admin priorities', () => {
  it('creates, reads, updates and lists in (order, id) order with a cursor', async () => {
    const { call } = await setup();
    const res = await call('POST', BASE, {
      code: 'critical',
      name: 'Critical',
      response_hours: 1,
      resolution_hours: 4,
      color: '#FF0000',
      order: 5,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: 'critical', color: '#ff0000', is_default: false });
    const patched = await call('PATCH', `${BASE}critical/`, { name: 'Very urgent', order: 0 });
    expect(patched.json()).toMatchObject({ name: 'Very urgent', order: 0, response_hours: 1 });
    const page1 = await call('GET', `${BASE}?limit=3`);
    const body1 = page1.json<{ results: { code: string; is_default: boolean }[]; next_cursor: string }>();
    expect(body1.results.map((p) => p.code)).toEqual(['critical', 'low', 'medium']);
    expect(body1.results[2]?.is_default).toBe(true);
    const page2 = await call('GET', `${BASE}?limit=3&cursor=${body1.next_cursor}`);
    expect(page2.json()).toMatchObject({
      results: [{ code: 'high' }, { code: 'urgent' }],
      next_cursor: null,
    });
  });

  it('validates code uniqueness (409), colour, hours and the immutable code (400)', async () => {
    const { call } = await setup();
    const dup = await call('POST', BASE, { code: 'high', name: 'High again' });
    expect(dup.statusCode).toBe(409);
    expect((await call('POST', BASE, { code: 'x', name: 'X', color: 'red' })).statusCode).toBe(400);
    expect((await call('POST', BASE, { code: 'x', name: 'X', response_hours: 0 })).statusCode).toBe(400);
    expect((await call('POST', BASE, { code: 'x', name: 'X', resolution_hours: -2 })).statusCode).toBe(400);
    expect((await call('PATCH', `${BASE}high/`, { code: 'h' })).statusCode).toBe(400);
  });

  it('refuses to delete a priority in use (409, nothing deleted) or the default one', async () => {
    const { call, ws } = await setup();
    await buildTicket(db, ws);
    await buildTicket(db, ws);
    const high = await priorityOf(db, ws, 'high');
    await inWorkspace(db, ws.id, (tx) =>
      tx
        .updateTable('support_tickets')
        .set({ priority_id: high.id })
        .where('workspace_id', '=', ws.id)
        .execute(),
    );
    const used = await call('DELETE', `${BASE}${high.id}/`);
    expect(used.statusCode).toBe(409);
    expect(used.json()).toMatchObject({
      code: 'STILL_REFERENCED',
      detail: '2 tickets use this priority; move them first',
    });
    expect((await call('GET', `${BASE}${high.id}/`)).statusCode).toBe(200);
    const def = await call('DELETE', `${BASE}medium/`);
    expect(def.statusCode).toBe(409);
    expect(def.json<{ detail: string }>().detail).toMatch(/default priority/);
    expect((await call('DELETE', `${BASE}low/`)).statusCode).toBe(204);
    expect((await call('GET', `${BASE}low/`)).statusCode).toBe(404);
  });

  it('lets agents read but not write, keeps customers out, and hides other workspaces (404)', async () => {
    const a = await setup();
    const b = await setup();
    const theirs = await priorityOf(db, b.ws, 'low');
    expect((await a.call('GET', BASE, undefined, a.agentToken)).statusCode).toBe(200);
    expect((await a.call('POST', BASE, { code: 'n', name: 'N' }, a.agentToken)).statusCode).toBe(403);
    expect((await a.call('DELETE', `${BASE}low/`, undefined, a.agentToken)).statusCode).toBe(403);
    const customer = await buildCustomer(db, a.ws);
    const res = await app.inject({
      method: 'GET',
      url: BASE,
      headers: await customerSession(db, a.ws, customer.id),
    });
    expect(res.statusCode).toBe(403);
    expect((await a.call('GET', `${BASE}${theirs.id}/`)).statusCode).toBe(404);
    expect((await a.call('PATCH', `${BASE}${theirs.id}/`, { name: 'Mine' })).statusCode).toBe(404);
    expect((await a.call('DELETE', `${BASE}${theirs.id}/`)).statusCode).toBe(404);
    expect((await b.call('GET', `${BASE}${theirs.id}/`)).json()).toMatchObject({ name: 'Low' });
  });
});
