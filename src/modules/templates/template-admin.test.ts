import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { adminContext } from '../../test/admin-context.js';
import { testApp } from '../../test/app.js';
import { buildCustomer, customerSession } from '../../test/factories.js';

const { app, db } = await testApp();
const BASE = '/api/support/admin/templates/';

interface TemplateBody {
  id: number;
  updated_at: string;
  categories: { slug: string }[];
}

async function setup() {
  const ctx = await adminContext(app, db, BASE);
  const cats = await inWorkspace(db, ctx.ws.id, (tx) =>
    tx
      .insertInto('ticket_categories')
      .values([
        { workspace_id: ctx.ws.id, name: 'Refunds', slug: 'refunds' },
        { workspace_id: ctx.ws.id, name: 'Delivery', slug: 'delivery' },
      ])
      .returning('id')
      .execute(),
  );
  return { ...ctx, cats };
}

const valid = { name: 'Refund', content: 'Hi {{customer.name}}', language: 'en' };

describe('admin templates', () => {
  it('creates (created_by = caller), updates categories and fields, lists inactive ones, deletes', async () => {
    const { call, admin, cats } = await setup();
    const res = await call('POST', BASE, {
      ...valid,
      subject: 'Re: {{ ticket.ticket_number }}',
      categories: ['refunds', cats[1]!.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const t = res.json<TemplateBody>();
    expect(res.json()).toMatchObject({
      created_by: { id: admin.id, name: 'Test Admin' },
      usage_count: 0,
      is_active: true,
      categories: [{ slug: 'delivery' }, { slug: 'refunds' }],
    });
    await new Promise((r) => setTimeout(r, 5));
    const patched = await call('PATCH', `${BASE}${t.id}/`, { is_active: false, categories: ['delivery'] });
    expect(patched.json()).toMatchObject({
      is_active: false,
      categories: [{ slug: 'delivery' }],
      name: 'Refund',
    });
    expect(patched.json<TemplateBody>().updated_at > t.updated_at).toBe(true);
    await call('POST', BASE, { ...valid, name: 'Apology' });
    await call('POST', BASE, { ...valid, name: 'Closing' });
    const page1 = await call('GET', `${BASE}?limit=2`);
    const body1 = page1.json<{ results: { name: string }[]; next_cursor: string }>();
    expect(body1.results.map((x) => x.name)).toEqual(['Apology', 'Closing']);
    const page2 = await call('GET', `${BASE}?limit=2&cursor=${body1.next_cursor}`);
    expect(page2.json()).toMatchObject({
      results: [{ name: 'Refund', is_active: false }],
      next_cursor: null,
    });
    expect((await call('DELETE', `${BASE}${t.id}/`)).statusCode).toBe(204);
    expect((await call('GET', `${BASE}${t.id}/`)).statusCode).toBe(404);
  });

  it('refuses unknown placeholders (400 naming them) and unknown categories', async () => {
    const { call } = await setup();
    const bad = await call('POST', BASE, { ...valid, content: 'Hi {{customer.nmae}} about {{order.total}}' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ path: 'content' }] });
    expect(bad.json<{ detail: string }>().detail).toContain('{{customer.nmae}}, {{order.total}}');
    const badSubject = await call('POST', BASE, { ...valid, subject: '{{ticket.number}}' });
    expect(badSubject.json()).toMatchObject({ errors: [{ path: 'subject' }] });
    const t = (await call('POST', BASE, valid)).json<TemplateBody>();
    const patch = await call('PATCH', `${BASE}${t.id}/`, { content: '{{agent.nickname}}' });
    expect(patch.statusCode).toBe(400);
    expect(patch.json<{ detail: string }>().detail).toContain('{{agent.nickname}}');
    expect((await call('POST', BASE, { ...valid, categories: ['nope'] })).statusCode).toBe(400);
    expect((await call('POST', BASE, { ...valid, usage_count: 3 })).statusCode).toBe(400);
  });

  it('refuses another workspace’s categories on update (400) and keeps the template’s own', async () => {
    const a = await setup();
    const b = await setup();
    const t = (await a.call('POST', BASE, { ...valid, categories: ['refunds'] })).json<TemplateBody>();
    const [theirRefunds, theirDelivery] = [b.cats[0]!.id, b.cats[1]!.id];
    for (const categories of [
      [theirRefunds],
      [String(theirDelivery)],
      ['delivery', theirDelivery],
      [a.cats[0]!.id, theirRefunds],
    ]) {
      const res = await a.call('PATCH', `${BASE}${t.id}/`, { name: 'Renamed', categories });
      const what = JSON.stringify(categories);
      expect(res.statusCode, what).toBe(400);
      expect(res.json(), what).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'categories' }] });
    }
    expect((await a.call('GET', `${BASE}${t.id}/`)).json()).toMatchObject({
      name: 'Refund',
      categories: [{ slug: 'refunds' }],
    });
    const links = await asSystem(db, (tx) =>
      tx
        .selectFrom('ticket_template_categories')
        .select('category_id')
        .where('template_id', '=', t.id)
        .execute(),
    );
    expect(links).toEqual([{ category_id: a.cats[0]!.id }]);
  });

  it('lets agents read but not write, keeps customers out, and hides other workspaces (404)', async () => {
    const a = await setup();
    const b = await setup();
    const theirs = (await b.call('POST', BASE, valid)).json<TemplateBody>();
    expect((await a.call('GET', BASE, undefined, a.agentToken)).statusCode).toBe(200);
    expect((await a.call('POST', BASE, valid, a.agentToken)).statusCode).toBe(403);
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
    expect((await a.call('POST', BASE, { ...valid, categories: [b.cats[0]!.id] })).statusCode).toBe(400);
    expect((await b.call('GET', `${BASE}${theirs.id}/`)).json()).toMatchObject({ name: 'Refund' });
  });
});
