import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { SESSION_COOKIE } from '../../platform/auth/authenticate.js';
import { hashToken } from '../../platform/auth/secrets.js';
import { asBearer, testApp } from '../../test/app.js';
import { buildToken, buildUser, buildWorkspace, unique } from '../../test/factories.js';

let clockOffsetMs = 0;
const ctx = await testApp({ now: () => new Date(Date.now() + clockOffsetMs) });

/** Each test calls from its own address, so the per-IP login limit never couples tests. */
function client() {
  const remoteAddress = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  return (options: InjectOptions) => ctx.app.inject({ remoteAddress, ...options });
}

function sessionCookie(res: LightMyRequestResponse) {
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

async function loggedIn(headers: Record<string, string> = {}) {
  const ws = await buildWorkspace(ctx.db);
  const user = await buildUser(ctx.db, ws, { role: 'admin' });
  const call = client();
  const res = await call({
    method: 'POST',
    url: '/api/auth/login',
    headers,
    payload: { email: user.email, password: user.password },
  });
  expect(res.statusCode).toBe(200);
  const body = res.json<{ csrf_token: string }>();
  return { ws, user, call, cookie: sessionCookie(res).value, csrf: body.csrf_token };
}

describe('POST /api/auth/login', () => {
  it('opens a session: HttpOnly, SameSite=Lax cookie for the whole site, and a CSRF token', async () => {
    const ws = await buildWorkspace(ctx.db);
    const user = await buildUser(ctx.db, ws, { name: 'Ada Agent' });
    const res = await client()({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email.toUpperCase(), password: user.password },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: { id: user.id, email: user.email, name: 'Ada Agent' },
      workspace: { id: ws.id, slug: ws.slug, name: ws.name },
      role: 'agent',
      csrf_token: expect.any(String) as unknown,
    });
    const cookie = sessionCookie(res);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(res.headers['set-cookie']).toMatch(/HttpOnly/);

    // Only the hash is stored, the login time is recorded.
    const stored = await asSystem(ctx.db, async (tx) => ({
      byHash: await tx
        .selectFrom('sessions')
        .select(['user_id', 'expires_at'])
        .where('token_hash', '=', hashToken(cookie.value))
        .execute(),
      byToken: await tx.selectFrom('sessions').select('id').where('token_hash', '=', cookie.value).execute(),
      user: await tx
        .selectFrom('users')
        .select('last_login_at')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow(),
    }));
    expect(stored.byHash).toEqual([{ user_id: user.id, expires_at: expect.any(Date) as unknown }]);
    expect(stored.byHash[0]!.expires_at.getTime() - Date.now()).toBeGreaterThan(
      (ctx.deps.config.sessionTtlHours - 1) * 3600_000,
    );
    expect(stored.byToken).toEqual([]);
    expect(stored.user.last_login_at).toBeInstanceOf(Date);
  });

  it('answers a wrong password and an unknown email with the very same 401', async () => {
    const ws = await buildWorkspace(ctx.db);
    const user = await buildUser(ctx.db, ws);
    const call = client();
    const wrong = await call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'not-it-at-all' },
    });
    const unknown = await call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: `nobody-${unique()}@example.test`, password: 'not-it-at-all' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toBe(unknown.headers['content-type']);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.json()).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect(wrong.cookies).toEqual([]);
  });

  it('rejects malformed JSON with a 400 problem', async () => {
    const res = await client()({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.test", "password": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST' });
  });

  it('rejects a body without a password with a 400 naming the field', async () => {
    const res = await client()({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.test' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'body.password' }] });
  });
});

describe('GET /api/auth/me', () => {
  it('describes the staff member of a cookie session, with the CSRF token', async () => {
    const { ws, user, call, cookie, csrf } = await loggedIn();
    const res = await call({ method: 'GET', url: '/api/auth/me', cookies: { [SESSION_COOKIE]: cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      kind: 'staff',
      user: { id: user.id, email: user.email, name: user.name },
      workspace: { id: ws.id, slug: ws.slug, name: ws.name },
      role: 'admin',
      workspaces: [{ slug: ws.slug, name: ws.name, role: 'admin' }],
      csrf_token: csrf,
    });
  });

  it('describes the bearer of an API token, without a CSRF token', async () => {
    const ws = await buildWorkspace(ctx.db);
    const user = await buildUser(ctx.db, ws);
    const token = await buildToken(ctx.db, ws, user.id);
    const res = await client()(asBearer(token, { method: 'GET', url: '/api/auth/me' }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'staff',
      user: { id: user.id },
      role: 'agent',
      csrf_token: null,
    });
  });

  it('answers 404 when a bearer names a workspace other than its token’s', async () => {
    const ws = await buildWorkspace(ctx.db);
    const other = await buildWorkspace(ctx.db);
    const user = await buildUser(ctx.db, ws);
    const token = await buildToken(ctx.db, ws, user.id);
    const me = (headers: Record<string, string>) =>
      client()(asBearer(token, { method: 'GET', url: '/api/auth/me', headers }));
    expect((await me({ 'x-workspace': ws.slug })).json()).toMatchObject({ workspace: { id: ws.id } });
    expect((await me({ 'x-workspace': other.slug })).statusCode).toBe(404);
  });

  it('answers 401 without credentials', async () => {
    const ws = await buildWorkspace(ctx.db);
    const res = await client()({ method: 'GET', url: '/api/auth/me', headers: { 'x-workspace': ws.slug } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'NOT_AUTHENTICATED' });
  });

  it('answers 401 for a revoked token', async () => {
    const ws = await buildWorkspace(ctx.db);
    const user = await buildUser(ctx.db, ws);
    const token = await buildToken(ctx.db, ws, user.id);
    await inWorkspace(ctx.db, ws.id, (tx) =>
      tx
        .updateTable('api_tokens')
        .set({ revoked_at: new Date() })
        .where('token_hash', '=', hashToken(token))
        .execute(),
    );
    const res = await client()(asBearer(token, { method: 'GET', url: '/api/auth/me' }));
    expect(res.statusCode).toBe(401);
  });

  it('answers 401 once the session has expired', async () => {
    const { call, cookie } = await loggedIn();
    clockOffsetMs = (ctx.deps.config.sessionTtlHours + 1) * 3600_000;
    try {
      const res = await call({ method: 'GET', url: '/api/auth/me', cookies: { [SESSION_COOKIE]: cookie } });
      expect(res.statusCode).toBe(401);
    } finally {
      clockOffsetMs = 0;
    }
  });
});

describe('POST /api/auth/logout', () => {
  it('needs the CSRF token with a cookie, then ends the session', async () => {
    const { call, cookie, csrf } = await loggedIn();
    const cookies = { [SESSION_COOKIE]: cookie };
    const without = await call({ method: 'POST', url: '/api/auth/logout', cookies });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
    const wrong = await call({
      method: 'POST',
      url: '/api/auth/logout',
      cookies,
      headers: { 'x-csrf-token': 'nope' },
    });
    expect(wrong.statusCode).toBe(403);

    const res = await call({
      method: 'POST',
      url: '/api/auth/logout',
      cookies,
      headers: { 'x-csrf-token': csrf },
    });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    const cleared = sessionCookie(res);
    expect(cleared.value).toBe('');
    expect(cleared.expires?.getTime()).toBeLessThan(Date.now());

    const me = await call({ method: 'GET', url: '/api/auth/me', cookies });
    expect(me.statusCode).toBe(401);
    const left = await asSystem(ctx.db, (tx) =>
      tx.selectFrom('sessions').select('id').where('token_hash', '=', hashToken(cookie)).execute(),
    );
    expect(left).toEqual([]);
  });

  it('needs no CSRF token with a bearer token', async () => {
    const ws = await buildWorkspace(ctx.db);
    const user = await buildUser(ctx.db, ws);
    const token = await buildToken(ctx.db, ws, user.id);
    const res = await client()(asBearer(token, { method: 'POST', url: '/api/auth/logout' }));
    expect(res.statusCode).toBe(204);
  });
});

describe('staff in several workspaces', () => {
  async function memberOfTwo() {
    const a = await buildWorkspace(ctx.db);
    const b = await buildWorkspace(ctx.db);
    const stranger = await buildWorkspace(ctx.db);
    const user = await buildUser(ctx.db, a, { role: 'agent' });
    await buildUser(ctx.db, b, { role: 'admin', email: user.email });
    return { a, b, stranger, user };
  }

  it('logs in to the first workspace, or the one named in the body or X-Workspace', async () => {
    const { a, b, user } = await memberOfTwo();
    const call = client();
    const login = (payload: Record<string, string>, headers: Record<string, string> = {}) =>
      call({
        method: 'POST',
        url: '/api/auth/login',
        headers,
        payload: { email: user.email, password: user.password, ...payload },
      });

    expect((await login({})).json()).toMatchObject({ workspace: { slug: a.slug }, role: 'agent' });
    expect((await login({ workspace: b.slug })).json()).toMatchObject({
      workspace: { slug: b.slug },
      role: 'admin',
    });
    expect((await login({}, { 'x-workspace': b.slug })).json()).toMatchObject({
      workspace: { slug: b.slug },
      role: 'admin',
    });
  });

  it('refuses a workspace the user is not a member of with the same 401 as a wrong password', async () => {
    const { stranger, user } = await memberOfTwo();
    const call = client();
    const res = await call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: user.password, workspace: stranger.slug },
    });
    const wrong = await call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'wrong-password' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.body).toBe(wrong.body);
  });

  it('switches with X-Workspace and answers 404 for a workspace they do not belong to', async () => {
    const { a, b, stranger, user } = await memberOfTwo();
    const call = client();
    const login = await call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: user.password },
    });
    const cookies = { [SESSION_COOKIE]: sessionCookie(login).value };

    const inB = await call({
      method: 'GET',
      url: '/api/auth/me',
      cookies,
      headers: { 'x-workspace': b.slug },
    });
    expect(inB.statusCode).toBe(200);
    expect(inB.json()).toMatchObject({
      workspace: { id: b.id, slug: b.slug },
      role: 'admin',
      workspaces: [
        { slug: a.slug, role: 'agent' },
        { slug: b.slug, role: 'admin' },
      ],
    });
    const inStranger = await call({
      method: 'GET',
      url: '/api/auth/me',
      cookies,
      headers: { 'x-workspace': stranger.slug },
    });
    expect(inStranger.statusCode).toBe(404);
    expect(inStranger.headers['content-type']).toMatch(/^application\/problem\+json/);

    // A token belongs to one workspace: naming another is a 404 too.
    const token = await buildToken(ctx.db, a, user.id);
    const viaToken = await call(
      asBearer(token, { method: 'GET', url: '/api/auth/me', headers: { 'x-workspace': b.slug } }),
    );
    expect(viaToken.statusCode).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents the auth routes with tags and summaries', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    const doc = res.json<{ paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> }>();
    for (const path of [
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/customer/register',
      '/api/auth/tokens',
    ]) {
      expect(doc.paths[path]?.post).toMatchObject({ tags: ['auth'], summary: expect.any(String) as unknown });
    }
    expect(doc.paths['/api/auth/me']?.get?.summary).toBeTruthy();
    expect(doc.paths['/api/auth/tokens/{id}']?.delete?.summary).toBeTruthy();
  });
});
