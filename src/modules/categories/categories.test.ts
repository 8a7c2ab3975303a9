import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { adminContext } from '../../test/admin-context.js';
import { testApp } from '../../test/app.js';
import {
  buildCustomer,
  buildTicket,
  buildUser,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';

const { app, db } = await testApp();
const BASE = '/api/support/admin/categories/';

async function setup() {
  return adminContext(app, db, BASE);
}

describe('admin categories', () => {
  it('creates (slug from the name), reads, updates and lists with a cursor', async () => {
    const { call, create, agent, ws } = await setup();
    const sla = await inWorkspace(db, ws.id, (tx) =>
      tx
        .insertInto('slas')
        .values({ workspace_id: ws.id, name: 'Gold' })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const parent = await create({ name: 'Delivery Problems', order: 1 });
    expect(parent.slug).toBe('delivery-problems');
    const child = await call('POST', BASE, {
      name: 'Late',
      parent: 'delivery-problems',
      default_assignee: agent.id,
      default_priority: 'high',
      sla: sla.id,
      order: 2,
    });
    expect(child.statusCode).toBe(201);
    expect(child.json()).toMatchObject({
      slug: 'late',
      parent: { id: parent.id, slug: 'delivery-problems' },
      default_assignee: { id: agent.id, name: 'Test Agent' },
      default_priority: 'high',
      sla: { id: sla.id, name: 'Gold' },
    });
    const id = child.json<{ id: number }>().id;
    const patched = await call('PATCH', `${BASE}${id}/`, {
      parent: null,
      default_assignee: null,
      icon: 'clock',
    });
    expect(patched.json()).toMatchObject({
      parent: null,
      default_assignee: null,
      icon: 'clock',
      sla: { id: sla.id },
    });
    expect((await call('GET', `${BASE}late/`)).json()).toMatchObject({ id, icon: 'clock' });
    await create({ name: 'Third', order: 3 });
    const page1 = await call('GET', `${BASE}?limit=2`);
    const body1 = page1.json<{ results: { name: string }[]; next_cursor: string }>();
    expect(body1.results.map((c) => c.name)).toEqual(['Delivery Problems', 'Late']);
    const page2 = await call('GET', `${BASE}?limit=2&cursor=${body1.next_cursor}`);
    expect(page2.json()).toMatchObject({ results: [{ name: 'Third' }], next_cursor: null });
    const roots = await call('GET', `${BASE}?root=true`);
    expect(roots.json<{ results: unknown[] }>().results).toHaveLength(3);
  });

  it('refuses a duplicate slug (409), unknown references (400) and cycles (422)', async () => {
    const { call, create, ws } = await setup();
    const a = await create({ name: 'A' });
    expect((await call('POST', BASE, { name: 'a' })).statusCode).toBe(409);
    const b = await create({ name: 'B', parent: a.id });
    const c = await create({ name: 'C', parent: b.id });
    expect((await call('PATCH', `${BASE}${c.id}/`, { slug: 'a' })).statusCode).toBe(409);
    const cycle = await call('PATCH', `${BASE}${a.id}/`, { parent: c.id });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json()).toMatchObject({ code: 'RULE_VIOLATION' });
    expect((await call('PATCH', `${BASE}${a.id}/`, { parent: a.id })).statusCode).toBe(422);
    const stranger = await buildUser(db, await buildWorkspace(db));
    const bad = await call('POST', BASE, { name: 'X', default_assignee: stranger.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ path: 'default_assignee' }] });
    expect((await call('POST', BASE, { name: 'X', default_priority: 'nope' })).statusCode).toBe(400);
    expect((await call('POST', BASE, { name: 'X', sla: 999999 })).statusCode).toBe(400);
    expect((await call('POST', BASE, { name: 'X', parent: 'missing' })).statusCode).toBe(400);
    expect((await call('POST', BASE, { name: 'X', colour: 'red' })).statusCode).toBe(400);
    const other = await setup();
    const foreign = await other.create({ name: 'Foreign' });
    expect((await call('POST', BASE, { name: 'X', parent: foreign.id })).statusCode).toBe(400);
    expect(ws.id).not.toBe(other.ws.id);
  });

  it('refuses another workspace’s SLA, team, parent and assignee (400) on create and update', async () => {
    const a = await setup();
    const b = await setup();
    const theirs = await b.create({ name: 'Secret Parent', slug: 'secret-parent' });
    const { sla, team } = await inWorkspace(db, b.ws.id, async (tx) => ({
      sla: await tx
        .insertInto('slas')
        .values({ workspace_id: b.ws.id, name: 'Secret SLA' })
        .returning('id')
        .executeTakeFirstOrThrow(),
      team: await tx
        .insertInto('support_teams')
        .values({ workspace_id: b.ws.id, name: 'Secret Team' })
        .returning('id')
        .executeTakeFirstOrThrow(),
    }));
    const mine = await a.create({ name: 'Mine' });
    const cases: [string, object][] = [
      ['sla', { sla: sla.id }],
      ['team', { team: team.id }],
      ['parent', { parent: theirs.id }],
      ['parent', { parent: theirs.slug }],
      ['default_assignee', { default_assignee: b.agent.id }],
    ];
    for (const [path, body] of cases) {
      for (const [method, url, payload] of [
        ['POST', BASE, { name: 'Intruder', ...body }],
        ['PATCH', `${BASE}${mine.id}/`, body],
      ] as const) {
        const res = await a.call(method, url, payload);
        const what = `${method} ${JSON.stringify(body)}`;
        expect(res.statusCode, what).toBe(400);
        expect(res.json(), what).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path }] });
        expect(res.body, what).not.toMatch(/Secret/);
      }
    }
    expect((await a.call('GET', `${BASE}${mine.id}/`)).json()).toMatchObject({
      name: 'Mine',
      parent: null,
      default_assignee: null,
      sla: null,
      team: null,
    });
    const names = (await a.call('GET', BASE)).json<{ results: { name: string }[] }>().results;
    expect(names.map((c) => c.name)).toEqual(['Mine']);
  });

  it('deletes a category with its children and leaves its tickets without a category', async () => {
    const { call, create, ws } = await setup();
    const top = await create({ name: 'Top' });
    const sub = await create({ name: 'Sub', parent: top.id });
    const ticket = await buildTicket(db, ws);
    await inWorkspace(db, ws.id, (tx) =>
      tx.updateTable('support_tickets').set({ category_id: sub.id }).where('id', '=', ticket.id).execute(),
    );
    expect((await call('DELETE', `${BASE}${top.id}/`)).statusCode).toBe(204);
    expect((await call('GET', `${BASE}${sub.id}/`)).statusCode).toBe(404);
    const after = await inWorkspace(db, ws.id, (tx) =>
      tx
        .selectFrom('support_tickets')
        .select('category_id')
        .where('id', '=', ticket.id)
        .executeTakeFirstOrThrow(),
    );
    expect(after.category_id).toBeNull();
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

  it('documents the admin endpoints and the cascade in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<string, Record<string, { description?: string }>>;
    }>();
    for (const entity of ['categories', 'priorities', 'teams', 'tags', 'templates']) {
      expect(Object.keys(doc.paths)).toContain(`/api/support/admin/${entity}/{id}/`);
    }
    expect(doc.paths['/api/support/admin/categories/{id}/']?.delete?.description).toMatch(
      /CASCADE.*SET NULL/s,
    );
  });
});
