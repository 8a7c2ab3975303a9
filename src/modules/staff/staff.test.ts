import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import { adminContext } from '../../test/admin-context.js';
import { buildTicket, buildUser, buildWorkspace, unique } from '../../test/factories.js';
import { SESSION_COOKIE } from '../../platform/auth/authenticate.js';

const ctx = await testApp();
const BASE = '/api/support/admin/staff/';

interface Member {
  id: number;
  email: string;
  role: string;
  status: string;
  can: Record<string, boolean>;
}

function mailsTo(ws: { id: number }, to: string) {
  return inWorkspace(ctx.db, ws.id, (tx) =>
    tx
      .selectFrom('outbound_emails')
      .select(['subject', 'text_body'])
      .where('to_address', '=', to)
      .orderBy('id')
      .execute(),
  );
}

const linkIn = (text: string) => new URL(/https?:\/\/\S+/.exec(text)![0]);

/** Logs a staff member in by password; returns the session cookie (or the failed response's status). */
async function staffLogin(email: string, password: string, workspace?: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    payload: { email, password, ...(workspace ? { workspace } : {}) },
  });
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  return { status: res.statusCode, cookie };
}

describe('staff accounts (admin API)', () => {
  it('invites an agent by email; the link sets a password once, and they can log in', async () => {
    const { ws, call } = await adminContext(ctx.app, ctx.db, BASE);
    const email = `new-${unique()}@example.test`;
    const res = await call('POST', BASE, { email, name: 'Nina New', role: 'agent' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Member>()).toMatchObject({ email, role: 'agent', status: 'invited' });

    const [mail] = await mailsTo(ws, email);
    expect(mail?.subject).toMatch(/invited/i);
    const link = linkIn(mail!.text_body);
    expect(link.pathname).toBe('/account/password');
    expect(link.searchParams.get('workspace')).toBe(ws.slug);
    const token = link.searchParams.get('token')!;

    // No password yet: nothing to log in with.
    expect((await staffLogin(email, 'anything-at-all')).status).toBe(401);
    const set = await ctx.app.inject({
      method: 'POST',
      url: `/api/auth/password/reset?workspace=${ws.slug}`,
      payload: { token, password: 'a good new password' },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ kind: 'staff', email });
    const again = await ctx.app.inject({
      method: 'POST',
      url: `/api/auth/password/reset?workspace=${ws.slug}`,
      payload: { token, password: 'another password' },
    });
    expect(again.statusCode).toBe(401);
    expect((await staffLogin(email, 'a good new password')).status).toBe(200);
    expect((await staffLogin(email, 'another password')).status).toBe(401);

    const list = await call('GET', BASE);
    const me = list.json<{ results: Member[] }>().results.find((m) => m.email === email);
    expect(me).toMatchObject({ status: 'active', role: 'agent' });
  });

  it('adds an existing account without touching its password, and refuses a member twice', async () => {
    const { ws, call } = await adminContext(ctx.app, ctx.db, BASE);
    const other = await buildWorkspace(ctx.db);
    const existing = await buildUser(ctx.db, other);
    const res = await call('POST', BASE, { email: existing.email.toUpperCase(), role: 'admin' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Member>()).toMatchObject({ status: 'active', role: 'admin' });
    const [mail] = await mailsTo(ws, existing.email);
    expect(mail?.text_body).not.toMatch(/token=/);
    expect((await staffLogin(existing.email, existing.password, ws.slug)).status).toBe(200);
    const twice = await call('POST', BASE, { email: existing.email, role: 'agent' });
    expect(twice.statusCode).toBe(409);
    expect(twice.headers['content-type']).toMatch(/problem\+json/);
  });

  it('validates the body: 400 problem+json, never 500', async () => {
    const { call } = await adminContext(ctx.app, ctx.db, BASE);
    for (const payload of [
      { email: 'x@example.test', role: 'owner' },
      { role: 'agent' },
      { email: 'not-an-email', role: 'agent' },
    ]) {
      const res = await call('POST', BASE, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await call('PATCH', `${BASE}abc`, { role: 'agent' })).statusCode).toBe(400);
  });

  it('is for admins only (403 for agents) and 404 for another workspace’s member', async () => {
    const { agent, agentToken, call } = await adminContext(ctx.app, ctx.db, BASE);
    const asAgent = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      ctx.app.inject(asBearer(agentToken, { method, url, ...(payload ? { payload } : {}) }));
    expect((await asAgent('GET', BASE)).statusCode).toBe(403);
    expect(
      (await asAgent('POST', BASE, { email: `x-${unique()}@example.test`, role: 'admin' })).statusCode,
    ).toBe(403);
    expect((await asAgent('PATCH', `${BASE}${agent.id}`, { role: 'admin' })).statusCode).toBe(403);
    expect((await asAgent('POST', `${BASE}${agent.id}/deactivate`)).statusCode).toBe(403);

    const other = await buildWorkspace(ctx.db);
    const stranger = await buildUser(ctx.db, other);
    expect((await call('PATCH', `${BASE}${stranger.id}`, { role: 'admin' })).statusCode).toBe(404);
    expect((await call('POST', `${BASE}${stranger.id}/deactivate`)).statusCode).toBe(404);
    expect((await call('POST', `${BASE}${stranger.id}/password-link`)).statusCode).toBe(404);
    const list = await call('GET', BASE);
    expect(list.json<{ results: Member[] }>().results.map((m) => m.id)).not.toContain(stranger.id);
  });

  it('changes a role, which applies at once; never one’s own', async () => {
    const { admin, agent, agentToken, call } = await adminContext(ctx.app, ctx.db, BASE);
    const asAgent = () => ctx.app.inject(asBearer(agentToken, { method: 'GET', url: BASE }));
    expect((await asAgent()).statusCode).toBe(403);
    const promoted = await call('PATCH', `${BASE}${agent.id}`, { role: 'admin' });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json<Member>().role).toBe('admin');
    expect((await asAgent()).statusCode).toBe(200);

    const self = await call('PATCH', `${BASE}${admin.id}`, { role: 'agent' });
    expect(self.statusCode).toBe(422);
    expect((await call('POST', `${BASE}${admin.id}/deactivate`)).statusCode).toBe(422);
    const demoted = await call('PATCH', `${BASE}${agent.id}`, { role: 'agent' });
    expect(demoted.json<Member>().role).toBe('agent');
    expect((await asAgent()).statusCode).toBe(403);
  });

  it('deactivates a member: sessions and tokens end at once, login is refused, tickets stay', async () => {
    const { ws, agent, agentToken, call } = await adminContext(ctx.app, ctx.db, BASE);
    const ticket = await buildTicket(ctx.db, ws, { assigned_to_id: agent.id, status: 'open' });
    const login = await staffLogin(agent.email, agent.password, ws.slug);
    expect(login.status).toBe(200);
    const sessionMe = () =>
      ctx.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { [SESSION_COOKIE]: login.cookie! } });
    expect((await sessionMe()).statusCode).toBe(200);

    const res = await call('POST', `${BASE}${agent.id}/deactivate`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Member>()).toMatchObject({ status: 'deactivated', can: { reactivate: true } });

    expect((await sessionMe()).statusCode).toBe(401);
    expect(
      (await ctx.app.inject(asBearer(agentToken, { method: 'GET', url: '/api/auth/me' }))).statusCode,
    ).toBe(401);
    expect((await staffLogin(agent.email, agent.password, ws.slug)).status).toBe(401);
    const seen = await call('GET', `/api/support/tickets/${ticket.ticket_number}/`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json<{ assigned_to: { id: number } }>().assigned_to.id).toBe(agent.id);
    const membership = await inWorkspace(ctx.db, ws.id, (tx) =>
      tx
        .selectFrom('workspace_memberships')
        .select('availability')
        .where('workspace_id', '=', ws.id)
        .where('user_id', '=', agent.id)
        .executeTakeFirstOrThrow(),
    );
    expect(membership.availability).toBe('offline');

    const back = await call('POST', `${BASE}${agent.id}/reactivate`);
    expect(back.json<Member>().status).toBe('active');
    expect((await staffLogin(agent.email, agent.password, ws.slug)).status).toBe(200);
    // Tokens revoked by the deactivation stay revoked.
    expect(
      (await ctx.app.inject(asBearer(agentToken, { method: 'GET', url: '/api/auth/me' }))).statusCode,
    ).toBe(401);
  });

  it('deactivation in one workspace leaves the account’s other workspace alone', async () => {
    const { ws, agent, call } = await adminContext(ctx.app, ctx.db, BASE);
    const other = await buildWorkspace(ctx.db);
    await buildUser(ctx.db, other, { email: agent.email, password: agent.password });
    await call('POST', `${BASE}${agent.id}/deactivate`);
    expect((await staffLogin(agent.email, agent.password, ws.slug)).status).toBe(401);
    expect((await staffLogin(agent.email, agent.password, other.slug)).status).toBe(200);
  });

  it('mails a reset link to a member who forgot; the old password works until it is used', async () => {
    const { ws, agent, call } = await adminContext(ctx.app, ctx.db, BASE);
    const res = await call('POST', `${BASE}${agent.id}/password-link`);
    expect(res.statusCode).toBe(202);
    const [mail] = await mailsTo(ws, agent.email);
    expect(mail?.subject).toMatch(/reset/i);
    expect((await staffLogin(agent.email, agent.password)).status).toBe(200);
    const token = linkIn(mail!.text_body).searchParams.get('token')!;
    const set = await ctx.app.inject({
      method: 'POST',
      url: `/api/auth/password/reset?workspace=${ws.slug}`,
      payload: { token, password: 'brand new secret' },
    });
    expect(set.statusCode).toBe(200);
    expect((await staffLogin(agent.email, agent.password)).status).toBe(401);
    expect((await staffLogin(agent.email, 'brand new secret')).status).toBe(200);
  });
});
