import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { SESSION_COOKIE } from '../../platform/auth/authenticate.js';
import { testApp } from '../../test/app.js';
import { buildCustomer, buildWorkspace, unique } from '../../test/factories.js';

const ctx = await testApp();

/** Each test calls from its own address, so the per-IP login limit never couples tests. */
function client(headers: Record<string, string> = {}) {
  const remoteAddress = `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  return (options: InjectOptions) =>
    ctx.app.inject({ remoteAddress, ...options, headers: { ...headers, ...options.headers } });
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

function sessionCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  return cookie.value;
}

describe('POST /api/auth/customer/register', () => {
  it('creates the customer and mails a link to confirm the address; the answer logs nobody in', async () => {
    const ws = await buildWorkspace(ctx.db);
    const call = client({ 'x-workspace': ws.slug });
    const email = `New-${unique()}@Example.test`;
    const res = await call({
      method: 'POST',
      url: '/api/auth/customer/register',
      payload: { email, password: 'correct horse', name: ' Cara Customer ' },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'sent' });
    expect(res.cookies).toEqual([]);
    const stored = await inWorkspace(ctx.db, ws.id, (tx) =>
      tx
        .selectFrom('customers')
        .select(['id', 'name', 'password_hash', 'email_verified_at'])
        .where('email', '=', email.toLowerCase())
        .executeTakeFirstOrThrow(),
    );
    expect(stored).toMatchObject({ name: 'Cara Customer', email_verified_at: null });
    expect(stored.password_hash).toBeTruthy();

    const [mail] = await mailsTo(ws, email.toLowerCase());
    expect(mail?.subject).toMatch(/confirm/i);
    const link = new URL(/https?:\/\/\S+/.exec(mail?.text_body ?? '')![0]);
    const confirmed = await call({ method: 'POST', url: `${link.pathname}${link.search}` });
    expect(confirmed.statusCode).toBe(200);
    const body = confirmed.json<{ customer: { id: number }; csrf_token: string }>();
    expect(body.customer).toEqual({ id: stored.id, email: email.toLowerCase(), name: 'Cara Customer' });
    const me = await call({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { [SESSION_COOKIE]: sessionCookie(confirmed) },
    });
    expect(me.json()).toMatchObject({ kind: 'customer', customer: body.customer });
    const login = await call({
      method: 'POST',
      url: '/api/auth/customer/login',
      payload: { email, password: 'correct horse' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('answers an existing email exactly the same, mails its owner, and never sets a password', async () => {
    const ws = await buildWorkspace(ctx.db);
    const fromTicket = await buildCustomer(ctx.db, ws, { password: null });
    const withPassword = await buildCustomer(ctx.db, ws);
    const call = client({ 'x-workspace': ws.slug });
    const register = (email: string) =>
      call({
        method: 'POST',
        url: '/api/auth/customer/register',
        payload: { email, password: 'taken-over!', name: 'Mallory' },
      });

    const fresh = await register(`fresh-${unique()}@example.test`);
    for (const existing of [fromTicket.email.toUpperCase(), withPassword.email]) {
      const res = await register(existing);
      expect(res.statusCode).toBe(fresh.statusCode);
      expect(res.body).toBe(fresh.body);
      expect(res.cookies).toEqual([]);
    }
    for (const owner of [fromTicket, withPassword]) {
      const mails = await mailsTo(ws, owner.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.text_body).toMatch(/already have an account/);
      expect(mails[0]?.text_body).toMatch(/magic-link\/consume\?token=/);
    }

    const stored = await inWorkspace(ctx.db, ws.id, (tx) =>
      tx
        .selectFrom('customers')
        .select(['password_hash', 'name'])
        .where('id', '=', fromTicket.id)
        .executeTakeFirstOrThrow(),
    );
    expect(stored).toEqual({ password_hash: null, name: fromTicket.name });
    const login = await call({
      method: 'POST',
      url: '/api/auth/customer/login',
      payload: { email: withPassword.email, password: 'taken-over!' },
    });
    expect(login.statusCode).toBe(401);
  });

  it('needs a workspace, a valid email and a long enough password', async () => {
    const ws = await buildWorkspace(ctx.db);
    const noWorkspace = await client()({
      method: 'POST',
      url: '/api/auth/customer/register',
      payload: { email: `x-${unique()}@example.test`, password: 'long enough', name: 'X' },
    });
    expect(noWorkspace.statusCode).toBe(400);
    expect(noWorkspace.json()).toMatchObject({ code: 'WORKSPACE_REQUIRED' });

    const call = client({ 'x-workspace': ws.slug });
    const badEmail = await call({
      method: 'POST',
      url: '/api/auth/customer/register',
      payload: { email: 'not-an-email', password: 'long enough', name: 'X' },
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'email' }] });
    const short = await call({
      method: 'POST',
      url: '/api/auth/customer/register',
      payload: { email: `x-${unique()}@example.test`, password: 'short', name: 'X' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'body.password' }] });
  });

  it('sets the Secure flag when the public URL is https', async () => {
    const secure = await testApp({ env: { PUBLIC_URL: 'https://support.example.test' } });
    const ws = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws);
    const res = await secure.app.inject({
      method: 'POST',
      url: '/api/auth/customer/login',
      remoteAddress: '10.2.255.1',
      headers: { 'x-workspace': ws.slug },
      payload: { email: customer.email, password: customer.password },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
    });
  });
});

describe('POST /api/auth/customer/login', () => {
  it('logs the customer in to the workspace of the request', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws);
    const res = await client({ 'x-workspace': ws.slug })({
      method: 'POST',
      url: '/api/auth/customer/login',
      payload: { email: customer.email, password: customer.password },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      customer: { id: customer.id, email: customer.email, name: customer.name },
      workspace: { id: ws.id, slug: ws.slug, name: ws.name },
      csrf_token: expect.any(String) as unknown,
    });
    expect(sessionCookie(res)).toBeTruthy();
  });

  it('answers unknown email, wrong password, no password and another workspace alike', async () => {
    const ws = await buildWorkspace(ctx.db);
    const other = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws);
    const passwordless = await buildCustomer(ctx.db, ws, { password: null });
    const elsewhere = await buildCustomer(ctx.db, other);
    const call = client({ 'x-workspace': ws.slug });
    const login = (email: string, password: string) =>
      call({ method: 'POST', url: '/api/auth/customer/login', payload: { email, password } });

    const answers = [
      await login(customer.email, 'wrong password'),
      await login(`nobody-${unique()}@example.test`, 'wrong password'),
      await login(passwordless.email, 'wrong password'),
      await login(elsewhere.email, elsewhere.password ?? ''),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.body).toBe(answers[0]!.body);
      expect(res.cookies).toEqual([]);
    }
    expect(answers[0]!.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('refuses a disabled customer', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws);
    await inWorkspace(ctx.db, ws.id, (tx) =>
      tx.updateTable('customers').set({ is_active: false }).where('id', '=', customer.id).execute(),
    );
    const res = await client({ 'x-workspace': ws.slug })({
      method: 'POST',
      url: '/api/auth/customer/login',
      payload: { email: customer.email, password: customer.password },
    });
    expect(res.statusCode).toBe(401);
  });

  it('keeps a customer session to its workspace: naming another answers 404, naming its own works', async () => {
    const ws = await buildWorkspace(ctx.db);
    const other = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws);
    const login = await client({ 'x-workspace': ws.slug })({
      method: 'POST',
      url: '/api/auth/customer/login',
      payload: { email: customer.email, password: customer.password },
    });
    const cookies = { [SESSION_COOKIE]: sessionCookie(login) };
    const me = (headers: Record<string, string>) =>
      client(headers)({ method: 'GET', url: '/api/auth/me', cookies });
    expect((await me({})).statusCode).toBe(200);
    expect((await me({ 'x-workspace': ws.slug })).statusCode).toBe(200);
    const elsewhere = await me({ 'x-workspace': other.slug });
    expect(elsewhere.statusCode).toBe(404);
    expect((await me({ 'x-workspace': 'no-such-workspace' })).statusCode).toBe(404);
  });

  it('gives a customer no access to staff routes', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws);
    const call = client({ 'x-workspace': ws.slug });
    const login = await call({
      method: 'POST',
      url: '/api/auth/customer/login',
      payload: { email: customer.email, password: customer.password },
    });
    const cookies = { [SESSION_COOKIE]: sessionCookie(login) };
    const csrf = login.json<{ csrf_token: string }>().csrf_token;
    const list = await call({ method: 'GET', url: '/api/auth/tokens', cookies });
    expect(list.statusCode).toBe(403);
    expect(list.json()).toMatchObject({ code: 'FORBIDDEN' });
    const create = await call({
      method: 'POST',
      url: '/api/auth/tokens',
      cookies,
      headers: { 'x-csrf-token': csrf },
      payload: { name: 'sneaky' },
    });
    expect(create.statusCode).toBe(403);
  });

  it('lets a customer log out', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws);
    const call = client({ 'x-workspace': ws.slug });
    const login = await call({
      method: 'POST',
      url: '/api/auth/customer/login',
      payload: { email: customer.email, password: customer.password },
    });
    const cookies = { [SESSION_COOKIE]: sessionCookie(login) };
    const csrf = login.json<{ csrf_token: string }>().csrf_token;
    const out = await call({
      method: 'POST',
      url: '/api/auth/logout',
      cookies,
      headers: { 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(204);
    expect((await call({ method: 'GET', url: '/api/auth/me', cookies })).statusCode).toBe(401);
  });
});
