import { describe, expect, it } from 'vitest';
import { adminContext } from '../../test/admin-context.js';
import { testApp } from '../../test/app.js';
import { buildCustomer, buildUser, buildWorkspace, customerSession } from '../../test/factories.js';

const { app, db } = await testApp();
const BASE = '/api/support/admin/teams/';

interface TeamBody {
  id: number;
  team_lead: { id: number } | null;
  members: { id: number; name: string }[];
}

async function setup() {
  const ctx = await adminContext(app, db, BASE, 'Ann');
  const bob = await buildUser(db, ctx.ws, { name: 'Bob' });
  return { ...ctx, ann: ctx.agent, bob };
}

describe('admin teams', () => {
  it('creates with members, adds the lead automatically, replaces members and updates', async () => {
    const { call, ann, bob } = await setup();
    const res = await call('POST', BASE, {
      name: 'Returns',
      email: 'Returns@Shop.test',
      members: [bob.id],
      team_lead: ann.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const team = res.json<TeamBody & { email: string }>();
    expect(team.email).toBe('returns@shop.test');
    expect(team.team_lead).toMatchObject({ id: ann.id, name: 'Ann' });
    expect(team.members.map((m) => m.name)).toEqual(['Ann', 'Bob']);
    const put = await call('PUT', `${BASE}${team.id}/members/`, { members: [] });
    expect(put.json<TeamBody>().members.map((m) => m.id)).toEqual([ann.id]);
    const patched = await call('PATCH', `${BASE}${team.id}/`, { team_lead: bob.id, is_active: false });
    expect(patched.json()).toMatchObject({ team_lead: { id: bob.id }, is_active: false });
    expect(patched.json<TeamBody>().members.map((m) => m.name)).toEqual(['Ann', 'Bob']);
    const cleared = await call('PATCH', `${BASE}${team.id}/`, { team_lead: null });
    expect(cleared.json()).toMatchObject({ team_lead: null });
    expect(
      (await call('PUT', `${BASE}${team.id}/members/`, { members: [bob.id] })).json<TeamBody>().members,
    ).toEqual([expect.objectContaining({ id: bob.id })]);
    expect((await call('DELETE', `${BASE}${team.id}/`)).statusCode).toBe(204);
    expect((await call('GET', `${BASE}${team.id}/`)).statusCode).toBe(404);
  });

  it('refuses non-members of the workspace as members or lead (400) and bad emails', async () => {
    const { call, ann } = await setup();
    const stranger = await buildUser(db, await buildWorkspace(db));
    const bad = await call('POST', BASE, { name: 'X', members: [ann.id, stranger.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ path: 'members' }] });
    expect((await call('POST', BASE, { name: 'X', team_lead: stranger.id })).statusCode).toBe(400);
    expect((await call('POST', BASE, { name: 'X', email: 'nope' })).statusCode).toBe(400);
    const ok = (await call('POST', BASE, { name: 'X' })).json<TeamBody>();
    expect((await call('PUT', `${BASE}${ok.id}/members/`, { members: [stranger.id] })).statusCode).toBe(400);
    expect((await call('PATCH', `${BASE}${ok.id}/`, { team_lead: stranger.id })).statusCode).toBe(400);
  });

  it('lists in (name, id) order with a cursor', async () => {
    const { call } = await setup();
    for (const name of ['Charlie', 'Alpha', 'Bravo']) await call('POST', BASE, { name });
    const page1 = await call('GET', `${BASE}?limit=2`);
    const body1 = page1.json<{ results: { name: string }[]; next_cursor: string }>();
    expect(body1.results.map((t) => t.name)).toEqual(['Alpha', 'Bravo']);
    const page2 = await call('GET', `${BASE}?limit=2&cursor=${body1.next_cursor}`);
    expect(page2.json()).toMatchObject({ results: [{ name: 'Charlie' }], next_cursor: null });
  });

  it('lets agents read but not write, keeps customers out, and hides other workspaces (404)', async () => {
    const a = await setup();
    const b = await setup();
    const theirs = (await b.call('POST', BASE, { name: 'Theirs' })).json<TeamBody>();
    expect((await a.call('GET', BASE, undefined, a.agentToken)).statusCode).toBe(200);
    expect((await a.call('POST', BASE, { name: 'N' }, a.agentToken)).statusCode).toBe(403);
    const customer = await buildCustomer(db, a.ws);
    const res = await app.inject({
      method: 'GET',
      url: BASE,
      headers: await customerSession(db, a.ws, customer.id),
    });
    expect(res.statusCode).toBe(403);
    expect((await a.call('GET', `${BASE}${theirs.id}/`)).statusCode).toBe(404);
    expect((await a.call('PATCH', `${BASE}${theirs.id}/`, { name: 'Mine' })).statusCode).toBe(404);
    expect((await a.call('PUT', `${BASE}${theirs.id}/members/`, { members: [] })).statusCode).toBe(404);
    expect((await a.call('DELETE', `${BASE}${theirs.id}/`)).statusCode).toBe(404);
    expect((await b.call('GET', `${BASE}${theirs.id}/`)).json()).toMatchObject({ name: 'Theirs' });
  });
});
