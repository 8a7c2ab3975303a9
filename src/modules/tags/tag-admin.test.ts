import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { adminContext } from '../../test/admin-context.js';
import { testApp } from '../../test/app.js';
import { buildCustomer, buildTicket, customerSession } from '../../test/factories.js';

const { app, db } = await testApp();
const BASE = '/api/support/admin/tags/';

async function setup() {
  return adminContext(app, db, BASE);
}

describe('admin tags', () => {
  it('creates (slug from the name), updates, lists with a cursor, refuses duplicates (409)', async () => {
    const { call, create } = await setup();
    const vip = await create({ name: 'VIP Kunde', color: '#AABBCC' });
    expect(vip.slug).toBe('vip-kunde');
    await create({ name: 'Damaged' });
    await create({ name: 'Express', slug: 'express' });
    expect((await call('POST', BASE, { name: 'vip kunde' })).statusCode).toBe(409);
    expect((await call('PATCH', `${BASE}express/`, { slug: 'damaged' })).statusCode).toBe(409);
    expect((await call('POST', BASE, { name: 'X', color: 'blue' })).statusCode).toBe(400);
    const patched = await call('PATCH', `${BASE}${vip.id}/`, { name: 'VIP', color: '#000000' });
    expect(patched.json()).toMatchObject({ name: 'VIP', slug: 'vip-kunde', color: '#000000' });
    const page1 = await call('GET', `${BASE}?limit=2`);
    const body1 = page1.json<{ results: { name: string }[]; next_cursor: string }>();
    expect(body1.results.map((t) => t.name)).toEqual(['Damaged', 'Express']);
    const page2 = await call('GET', `${BASE}?limit=2&cursor=${body1.next_cursor}`);
    expect(page2.json()).toMatchObject({ results: [{ name: 'VIP' }], next_cursor: null });
  });

  it('deletes a tag and removes it from tickets', async () => {
    const { call, create, ws } = await setup();
    const tag = await create({ name: 'Fragile' });
    const ticket = await buildTicket(db, ws);
    await inWorkspace(db, ws.id, (tx) =>
      tx
        .insertInto('support_ticket_tags')
        .values({ workspace_id: ws.id, ticket_id: ticket.id, tag_id: tag.id })
        .execute(),
    );
    expect((await call('DELETE', `${BASE}fragile/`)).statusCode).toBe(204);
    const links = await inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('support_ticket_tags').selectAll().where('ticket_id', '=', ticket.id).execute(),
    );
    expect(links).toEqual([]);
  });

  it('lets agents read but not write, keeps customers out, and hides other workspaces (404)', async () => {
    const a = await setup();
    const b = await setup();
    const theirs = await b.create({ name: 'Theirs' });
    expect((await a.call('GET', BASE, undefined, a.agentToken)).statusCode).toBe(200);
    expect((await a.call('POST', BASE, { name: 'N' }, a.agentToken)).statusCode).toBe(403);
    const customer = await buildCustomer(db, a.ws);
    const res = await app.inject({
      method: 'GET',
      url: BASE,
      headers: await customerSession(db, a.ws, customer.id),
    });
    expect(res.statusCode).toBe(403);
    for (const ref of [theirs.id, theirs.slug]) {
      expect((await a.call('GET', `${BASE}${ref}/`)).statusCode).toBe(404);
      expect((await a.call('PATCH', `${BASE}${ref}/`, { name: 'Mine' })).statusCode).toBe(404);
      expect((await a.call('DELETE', `${BASE}${ref}/`)).statusCode).toBe(404);
    }
    expect((await b.call('GET', `${BASE}${theirs.id}/`)).json()).toMatchObject({ name: 'Theirs' });
  });
});
