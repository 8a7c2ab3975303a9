import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import { buildAdmin, buildCustomer, buildWorkspace, customerSession } from '../../test/factories.js';

const { app, db } = await testApp();

async function setup() {
  const ws = await buildWorkspace(db);
  const admin = await buildAdmin(db, ws);
  const ids = await inWorkspace(db, ws.id, async (tx) => {
    const cat = await tx
      .insertInto('ticket_categories')
      .values({ workspace_id: ws.id, name: 'Refunds', slug: 'refunds' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const other = await tx
      .insertInto('ticket_categories')
      .values({ workspace_id: ws.id, name: 'Delivery', slug: 'delivery' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const t = await tx
      .insertInto('ticket_templates')
      .values([
        { workspace_id: ws.id, name: 'Refund EN', content: 'Refund on its way', language: 'en' },
        { workspace_id: ws.id, name: 'Refund DE', content: 'Erstattung', language: 'de' },
        { workspace_id: ws.id, name: 'Greeting', content: 'Hello', language: 'en' },
        { workspace_id: ws.id, name: 'Delivery EN', content: 'Courier', language: 'en' },
        { workspace_id: ws.id, name: 'Old', content: 'x', language: 'en', is_active: false },
      ])
      .returning('id')
      .execute();
    await tx
      .insertInto('ticket_template_categories')
      .values([
        { workspace_id: ws.id, template_id: t[0]!.id, category_id: cat.id },
        { workspace_id: ws.id, template_id: t[1]!.id, category_id: cat.id },
        { workspace_id: ws.id, template_id: t[3]!.id, category_id: other.id },
      ])
      .execute();
    return { cat, other };
  });
  const get = (query = '') =>
    app.inject(asBearer(admin.token, { method: 'GET', url: `/api/support/templates/${query}` }));
  return { ws, admin, get, ...ids };
}

const names = (res: { json: <T>() => T }) =>
  res.json<{ results: { name: string }[] }>().results.map((t) => t.name);

describe('GET /api/support/templates/', () => {
  it('lists active templates, filtered by category (plus unlinked ones) and language', async () => {
    const { get } = await setup();
    expect(names(await get())).toEqual(['Refund EN', 'Refund DE', 'Greeting', 'Delivery EN']);
    expect(names(await get('?category=refunds'))).toEqual(['Refund EN', 'Refund DE', 'Greeting']);
    expect(names(await get('?category=refunds&language=en'))).toEqual(['Refund EN', 'Greeting']);
    const first = await get('?limit=2');
    const next = await get(`?limit=2&cursor=${first.json<{ next_cursor: string }>().next_cursor}`);
    expect(names(next)).toEqual(['Greeting', 'Delivery EN']);
  });

  it('answers an unknown or foreign category with 400, and customers with 403', async () => {
    const a = await setup();
    const b = await setup();
    expect((await a.get('?category=nope')).statusCode).toBe(400);
    expect((await a.get(`?category=${b.cat.id}`)).statusCode).toBe(400);
    const customer = await buildCustomer(db, a.ws);
    const res = await app.inject({
      method: 'GET',
      url: '/api/support/templates/',
      headers: await customerSession(db, a.ws, customer.id),
    });
    expect(res.statusCode).toBe(403);
  });

  it('never lists another workspace’s templates', async () => {
    const a = await setup();
    await setup();
    expect(names(await a.get())).toHaveLength(4);
  });
});
