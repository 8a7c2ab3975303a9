import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { SESSION_COOKIE } from '../../platform/auth/authenticate.js';
import { testApp } from '../../test/app.js';
import { buildCustomer, buildUser, buildWorkspace, customerSession, unique } from '../../test/factories.js';

const ctx = await testApp();

function client(headers: Record<string, string> = {}) {
  const remoteAddress = `10.7.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  return (options: InjectOptions) =>
    ctx.app.inject({ remoteAddress, ...options, headers: { ...headers, ...options.headers } });
}

const mailsTo = (ws: { id: number }, to: string) =>
  inWorkspace(ctx.db, ws.id, (tx) =>
    tx
      .selectFrom('outbound_emails')
      .select(['subject', 'text_body'])
      .where('to_address', '=', to)
      .orderBy('id')
      .execute(),
  );
const tokenIn = (text: string) => new URL(/https?:\/\/\S+/.exec(text)![0]).searchParams.get('token')!;

describe('a customer who forgot their password', () => {
  it('gets a single-use link that sets a new password and ends their sessions', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws);
    const call = client({ 'x-workspace': ws.slug });
    const old = await customerSession(ctx.db, ws, customer.id);

    const res = await call({
      method: 'POST',
      url: '/api/auth/customer/password/forgot',
      payload: { email: customer.email.toUpperCase() },
    });
    expect(res.statusCode).toBe(202);
    const [mail] = await mailsTo(ws, customer.email);
    expect(mail?.subject).toMatch(/reset/i);
    expect(mail!.text_body).toContain('/portal/password/reset?token=');
    const token = tokenIn(mail!.text_body);

    const set = await call({
      method: 'POST',
      url: '/api/auth/password/reset',
      payload: { token, password: 'fresh-pass-123' },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ kind: 'customer', email: customer.email });
    const reuse = await call({
      method: 'POST',
      url: '/api/auth/password/reset',
      payload: { token, password: 'other-pass-123' },
    });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.headers['content-type']).toMatch(/problem\+json/);

    const me = await call({ method: 'GET', url: '/api/auth/me', headers: { cookie: old.cookie } });
    expect(me.statusCode).toBe(401);
    const login = (password: string) =>
      call({ method: 'POST', url: '/api/auth/customer/login', payload: { email: customer.email, password } });
    expect((await login(customer.password!)).statusCode).toBe(401);
    expect((await login('fresh-pass-123')).statusCode).toBe(200);
  });

  it('answers an unknown address the same and mails nothing; a newer link spends the older one', async () => {
    const ws = await buildWorkspace(ctx.db);
    const call = client({ 'x-workspace': ws.slug });
    const nobody = `nobody-${unique()}@example.test`;
    const unknown = await call({
      method: 'POST',
      url: '/api/auth/customer/password/forgot',
      payload: { email: nobody },
    });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(JSON.stringify({ status: 'sent' }));
    expect(await mailsTo(ws, nobody)).toEqual([]);

    const customer = await buildCustomer(ctx.db, ws);
    for (let i = 0; i < 2; i++) {
      await call({
        method: 'POST',
        url: '/api/auth/customer/password/forgot',
        payload: { email: customer.email },
      });
    }
    const [first, second] = await mailsTo(ws, customer.email);
    const stale = await call({
      method: 'POST',
      url: '/api/auth/password/reset',
      payload: { token: tokenIn(first!.text_body), password: 'stale-link-123' },
    });
    expect(stale.statusCode).toBe(401);
    const fresh = await call({
      method: 'POST',
      url: '/api/auth/password/reset',
      payload: { token: tokenIn(second!.text_body), password: 'fresh-link-123' },
    });
    expect(fresh.statusCode).toBe(200);
  });

  it('refuses an expired link, another workspace’s link, and a short password (400, link unspent)', async () => {
    let now = new Date();
    const timed = await testApp({ now: () => now });
    const ws = await buildWorkspace(timed.db);
    const other = await buildWorkspace(timed.db);
    const customer = await buildCustomer(timed.db, ws);
    const call = (slug: string, options: InjectOptions) =>
      timed.app.inject({
        ...options,
        headers: { 'x-workspace': slug },
        remoteAddress: `10.8.${Math.floor(Math.random() * 250)}.1`,
      });
    await call(ws.slug, {
      method: 'POST',
      url: '/api/auth/customer/password/forgot',
      payload: { email: customer.email },
    });
    const [mail] = await inWorkspace(timed.db, ws.id, (tx) =>
      tx.selectFrom('outbound_emails').select('text_body').where('to_address', '=', customer.email).execute(),
    );
    const token = tokenIn(mail!.text_body);
    const reset = (slug: string, password: string) =>
      call(slug, { method: 'POST', url: '/api/auth/password/reset', payload: { token, password } });
    expect((await reset(ws.slug, 'short')).statusCode).toBe(400);
    expect((await reset(other.slug, 'long enough 1')).statusCode).toBe(401);
    now = new Date(now.getTime() + 61 * 60_000);
    expect((await reset(ws.slug, 'long enough 1')).statusCode).toBe(401);
  });
});

describe('a staff member who forgot their password', () => {
  it('gets a link by email; unknown addresses get the same answer', async () => {
    const ws = await buildWorkspace(ctx.db);
    const agent = await buildUser(ctx.db, ws);
    const call = client();
    const res = await call({
      method: 'POST',
      url: '/api/auth/password/forgot',
      payload: { email: agent.email },
    });
    expect(res.statusCode).toBe(202);
    const unknown = await call({
      method: 'POST',
      url: '/api/auth/password/forgot',
      payload: { email: `ghost-${unique()}@example.test` },
    });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(res.body);
    const [mail] = await mailsTo(ws, agent.email);
    expect(mail!.text_body).toContain('/account/password?token=');
    const set = await call({
      method: 'POST',
      url: `/api/auth/password/reset?workspace=${ws.slug}`,
      payload: { token: tokenIn(mail!.text_body), password: 'new staff secret' },
    });
    expect(set.json()).toEqual({ kind: 'staff', email: agent.email });
    const login = await call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: agent.email, password: 'new staff secret' },
    });
    expect(login.statusCode).toBe(200);
  });
});

describe('a new customer’s password before the address is confirmed', () => {
  it('is refused with 403 EMAIL_NOT_CONFIRMED until the emailed link is used; a wrong one stays 401', async () => {
    const ws = await buildWorkspace(ctx.db);
    const call = client({ 'x-workspace': ws.slug });
    const email = `signup-${unique()}@example.test`;
    await call({
      method: 'POST',
      url: '/api/auth/customer/register',
      payload: { email, password: 'my password 1', name: 'Sam' },
    });
    const login = (password: string) =>
      call({ method: 'POST', url: '/api/auth/customer/login', payload: { email, password } });
    const early = await login('my password 1');
    expect(early.statusCode).toBe(403);
    expect(early.json()).toMatchObject({ code: 'EMAIL_NOT_CONFIRMED' });
    expect(early.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    expect((await login('wrong password')).statusCode).toBe(401);

    const [mail] = await mailsTo(ws, email);
    const link = new URL(/https?:\/\/\S+/.exec(mail!.text_body)![0]);
    expect((await call({ method: 'POST', url: `${link.pathname}${link.search}` })).statusCode).toBe(200);
    expect((await login('my password 1')).statusCode).toBe(200);
  });

  it('lets customers staff created with a password log in at once', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws);
    const res = await client({ 'x-workspace': ws.slug })({
      method: 'POST',
      url: '/api/auth/customer/login',
      payload: { email: customer.email, password: customer.password },
    });
    expect(res.statusCode).toBe(200);
  });
});
