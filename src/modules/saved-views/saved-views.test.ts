import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../db/schema.js';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildCustomer,
  buildToken,
  buildUser,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';

const { app, db } = await testApp();
const BASE = '/api/support/me/views/';

interface View {
  id: number;
  name: string;
  query: string;
}

async function agent(ws: Workspace, role: 'admin' | 'agent' = 'agent') {
  const user = await buildUser(db, ws, { role });
  const token = await buildToken(db, ws, user.id);
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject(asBearer(token, { method, url, ...(payload ? { payload } : {}) }));
  return { user, call };
}

const names = (body: { results: View[] }) => body.results.map((v) => `${v.name}=${v.query}`);

describe('saved views', () => {
  it('saves, lists by name, replaces by name and removes an agent’s own views', async () => {
    const ws = await buildWorkspace(db);
    const me = await agent(ws);
    const first = await me.call('POST', BASE, { name: 'Urgent', query: 'view=all&priority=urgent' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<View>()).toMatchObject({ name: 'Urgent', query: 'view=all&priority=urgent' });
    await me.call('POST', BASE, { name: '  Billing ', query: 'view=teams&category=billing' });
    const replaced = await me.call('POST', BASE, { name: 'Urgent', query: 'view=mine&priority=urgent' });
    expect(replaced.json<View>().id).toBe(first.json<View>().id);

    const list = await me.call('GET', BASE);
    expect(names(list.json())).toEqual([
      'Billing=view=teams&category=billing',
      'Urgent=view=mine&priority=urgent',
    ]);

    const removed = await me.call('DELETE', `${BASE}${first.json<View>().id}/`);
    expect(removed.statusCode).toBe(204);
    expect(names((await me.call('GET', BASE)).json())).toEqual(['Billing=view=teams&category=billing']);
    expect((await me.call('DELETE', `${BASE}${first.json<View>().id}/`)).statusCode).toBe(404);
  });

  it('imports browser-kept views without replacing names already used', async () => {
    const ws = await buildWorkspace(db);
    const me = await agent(ws);
    await me.call('POST', BASE, { name: 'Mine', query: 'view=mine' });
    const imported = await me.call('POST', `${BASE}import/`, {
      views: [
        { name: 'Mine', query: 'view=all' },
        { name: 'Pending high', query: 'view=pending&priority=high' },
      ],
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(names(imported.json())).toEqual(['Mine=view=mine', 'Pending high=view=pending&priority=high']);
    // Importing the same again changes nothing (the desk may do it twice from two tabs).
    const again = await me.call('POST', `${BASE}import/`, {
      views: [{ name: 'Pending high', query: 'x=1' }],
    });
    expect(names(again.json())).toEqual(['Mine=view=mine', 'Pending high=view=pending&priority=high']);
  });

  it('keeps each agent’s and each workspace’s views apart: others’ ids answer 404', async () => {
    const ws = await buildWorkspace(db);
    const me = await agent(ws);
    const colleague = await agent(ws, 'admin');
    const mine = (await me.call('POST', BASE, { name: 'Mine', query: 'view=mine' })).json<View>();
    expect((await colleague.call('GET', BASE)).json<{ results: View[] }>().results).toEqual([]);
    expect((await colleague.call('DELETE', `${BASE}${mine.id}/`)).statusCode).toBe(404);

    const other = await agent(await buildWorkspace(db), 'admin');
    expect((await other.call('GET', BASE)).json<{ results: View[] }>().results).toEqual([]);
    const theirs = await other.call('DELETE', `${BASE}${mine.id}/`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.headers['content-type']).toContain('application/problem+json');
    expect((await me.call('GET', BASE)).json<{ results: View[] }>().results).toHaveLength(1);
  });

  it('refuses customers (403), anonymous callers (401) and bad input (400 problem+json)', async () => {
    const ws = await buildWorkspace(db);
    const me = await agent(ws);
    const customer = await buildCustomer(db, ws);
    const headers = await customerSession(db, ws, customer.id);
    const asCustomer = await app.inject({ method: 'GET', url: BASE, headers });
    expect(asCustomer.statusCode).toBe(403);
    const post = await app.inject({ method: 'POST', url: BASE, headers, payload: { name: 'x', query: '' } });
    expect(post.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: BASE })).statusCode).toBe(401);

    for (const payload of [
      { name: '', query: 'view=all' },
      { name: '   ', query: 'view=all' },
      { name: 'x'.repeat(61), query: 'view=all' },
      { name: 'Spaces', query: 'view=all&q=a b' },
      { name: 'Hash', query: 'view=all#top' },
      { name: 'Extra', query: 'view=all', owner: 1 },
      { query: 'view=all' },
    ]) {
      const res = await me.call('POST', BASE, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await me.call('DELETE', `${BASE}abc/`)).statusCode).toBe(400);
    const tooMany = await me.call('POST', `${BASE}import/`, {
      views: Array.from({ length: 51 }, (_, i) => ({ name: `v${i}`, query: '' })),
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it('holds at most 50 views an agent: the 51st name is refused with 422, replacing still works', async () => {
    const ws = await buildWorkspace(db);
    const me = await agent(ws);
    const views = Array.from({ length: 50 }, (_, i) => ({ name: `View ${i}`, query: `view=all&tag=t${i}` }));
    expect(
      (await me.call('POST', `${BASE}import/`, { views })).json<{ results: View[] }>().results,
    ).toHaveLength(50);
    const over = await me.call('POST', BASE, { name: 'One more', query: 'view=all' });
    expect(over.statusCode).toBe(422);
    expect(over.json<{ code: string }>().code).toBe('RULE_VIOLATION');
    expect((await me.call('POST', BASE, { name: 'View 3', query: 'view=mine' })).statusCode).toBe(200);
  });
});
