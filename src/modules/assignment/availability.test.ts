import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import { buildCustomer, buildUser, customerSession } from '../../test/factories.js';
import { routingContext } from './test-helpers.js';

const { app, db } = await testApp();
const ME = '/api/support/me/availability/';
const agentUrl = (id: number) => `/api/support/admin/agents/${id}/availability/`;

describe('availability endpoints', () => {
  it('lets staff read and set their own availability, stamped and recorded once', async () => {
    const ctx = await routingContext(app, db, { mode: 'round_robin', agents: 1 });
    const a = ctx.agents[0]!;
    const initial = await app.inject(asBearer(a.token, { method: 'GET', url: ME }));
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toMatchObject({
      user: { id: a.id, name: 'Agent A' },
      availability: 'available',
      changed_at: null,
      open_tickets: 0,
      teams: [{ id: ctx.team.id, assignment_mode: 'round_robin' }],
    });
    const away = await ctx.setAvailability(a.token, 'away');
    expect(away.json()).toMatchObject({ availability: 'away', assigned: 0 });
    expect(away.json<{ changed_at: string }>().changed_at).toEqual(expect.any(String));
    await ctx.setAvailability(a.token, 'away');
    const events = await inWorkspace(db, ctx.ws.id, (tx) =>
      tx
        .selectFrom('domain_events')
        .select(['payload', 'actor_user_id'])
        .where('type', '=', 'user.availability_changed')
        .execute(),
    );
    expect(events).toEqual([
      { payload: { user_id: a.id, from: 'available', to: 'away' }, actor_user_id: a.id },
    ]);
    const team = await ctx.call('GET', `/api/support/admin/teams/${ctx.team.id}/`);
    expect(team.json()).toMatchObject({ members: [{ id: a.id, availability: 'away' }] });
  });

  it('lets admins set anyone’s availability, agents only read it', async () => {
    const ctx = await routingContext(app, db, { mode: 'manual', agents: 2 });
    const [a, b] = ctx.agents;
    const set = await ctx.call('PUT', agentUrl(a!.id), { availability: 'offline' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ user: { id: a!.id }, availability: 'offline' });
    const read = await app.inject(asBearer(b!.token, { method: 'GET', url: agentUrl(a!.id) }));
    expect(read.json()).toMatchObject({ availability: 'offline' });
    const denied = await app.inject(
      asBearer(b!.token, { method: 'PUT', url: agentUrl(a!.id), payload: { availability: 'available' } }),
    );
    expect(denied.statusCode).toBe(403);
  });

  it('refuses bad input with 400 and keeps customers and strangers out', async () => {
    const ctx = await routingContext(app, db, { mode: 'manual', agents: 1 });
    const a = ctx.agents[0]!;
    for (const payload of [{}, { availability: 'busy' }, { availability: 'away', extra: 1 }]) {
      const res = await app.inject(asBearer(a.token, { method: 'PUT', url: ME, payload }));
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await ctx.call('PUT', agentUrl(0), { availability: 'away' })).statusCode).toBe(400);
    expect((await ctx.call('GET', '/api/support/admin/agents/abc/availability/')).statusCode).toBe(400);
    const customer = await buildCustomer(db, ctx.ws);
    const asCustomer = await app.inject({
      method: 'PUT',
      url: ME,
      headers: await customerSession(db, ctx.ws, customer.id),
      payload: { availability: 'away' },
    });
    expect(asCustomer.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: ME })).statusCode).toBe(401);
  });

  it('answers 404 for staff of another workspace', async () => {
    const a = await routingContext(app, db, { mode: 'manual', agents: 1 });
    const b = await routingContext(app, db, { mode: 'manual', agents: 1 });
    const theirs = b.agents[0]!;
    expect((await a.call('GET', agentUrl(theirs.id))).statusCode).toBe(404);
    expect((await a.call('PUT', agentUrl(theirs.id), { availability: 'away' })).statusCode).toBe(404);
    expect((await b.call('GET', agentUrl(theirs.id))).json()).toMatchObject({ availability: 'available' });
  });
});

describe('team and category routing settings', () => {
  it('takes and returns the routing settings of a team and validates them', async () => {
    const ctx = await routingContext(app, db, { mode: 'manual', agents: 1 });
    const url = `/api/support/admin/teams/${ctx.team.id}/`;
    const patched = await ctx.call('PATCH', url, { assignment_mode: 'least_open', max_open_per_agent: 8 });
    expect(patched.json()).toMatchObject({ assignment_mode: 'least_open', max_open_per_agent: 8 });
    expect((await ctx.call('PATCH', url, { max_open_per_agent: null })).json()).toMatchObject({
      max_open_per_agent: null,
      assignment_mode: 'least_open',
    });
    for (const body of [
      { assignment_mode: 'random' },
      { max_open_per_agent: 0 },
      { max_open_per_agent: -1 },
      { max_open_per_agent: 'many' },
    ]) {
      expect((await ctx.call('PATCH', url, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(
      (await ctx.call('POST', '/api/support/admin/teams/', { name: 'X', assignment_mode: 'x' })).statusCode,
    ).toBe(400);
    const created = await ctx.call('POST', '/api/support/admin/teams/', { name: 'Y' });
    expect(created.json()).toMatchObject({
      assignment_mode: 'manual',
      max_open_per_agent: null,
      queued_tickets: 0,
    });
  });

  it('sets member caps only for members of the workspace’s own teams', async () => {
    const a = await routingContext(app, db, { mode: 'round_robin', agents: 1 });
    const b = await routingContext(app, db, { mode: 'round_robin', agents: 1 });
    const member = a.agents[0]!;
    const url = (team: number, user: number) => `/api/support/admin/teams/${team}/members/${user}/`;
    const outsider = await buildUser(db, a.ws);
    expect((await a.call('PATCH', url(a.team.id, outsider.id), { max_open_tickets: 2 })).statusCode).toBe(
      404,
    );
    expect((await a.call('PATCH', url(b.team.id, b.agents[0]!.id), { max_open_tickets: 2 })).statusCode).toBe(
      404,
    );
    expect((await a.call('PATCH', url(a.team.id, member.id), { max_open_tickets: -1 })).statusCode).toBe(400);
    expect((await a.call('PATCH', url(a.team.id, member.id), {})).statusCode).toBe(400);
    const agentTry = await app.inject(
      asBearer(member.token, {
        method: 'PATCH',
        url: url(a.team.id, member.id),
        payload: { max_open_tickets: 9 },
      }),
    );
    expect(agentTry.statusCode).toBe(403);
  });

  it('takes and returns a category’s team, refusing another workspace’s team', async () => {
    const a = await routingContext(app, db, { mode: 'manual', agents: 1 });
    const b = await routingContext(app, db, { mode: 'manual', agents: 1 });
    const billing = await a.call('GET', '/api/support/admin/categories/billing/');
    expect(billing.json()).toMatchObject({ team: { id: a.team.id } });
    const foreign = await a.call('POST', '/api/support/admin/categories/', { name: 'F', team: b.team.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ errors: [{ path: 'team' }] });
    expect((await a.call('PATCH', '/api/support/admin/categories/billing/', { team: 'x' })).statusCode).toBe(
      400,
    );
    const cleared = await a.call('PATCH', '/api/support/admin/categories/billing/', { team: null });
    expect(cleared.json()).toMatchObject({ team: null });
    // Deleting a team leaves its categories without one.
    await a.call('PATCH', '/api/support/admin/categories/billing/', { team: a.team.id });
    expect((await a.call('DELETE', `/api/support/admin/teams/${a.team.id}/`)).statusCode).toBe(204);
    expect((await a.call('GET', '/api/support/admin/categories/billing/')).json()).toMatchObject({
      team: null,
    });
  });
});
