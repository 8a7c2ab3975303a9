import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import { buildAdmin, buildUser, buildWorkspace, buildToken } from '../../test/factories.js';
import { staffOf, workspaceOf } from '../auth/access.js';

const ctx = await testApp();

// A creating route used only here, to test idempotency and access rules in isolation.
ctx.app.post(
  '/api/test/customers',
  {
    config: { access: 'admin', idempotent: true },
    schema: {
      body: {
        type: 'object',
        required: ['email'],
        properties: { email: { type: 'string', format: 'email' } },
        additionalProperties: false,
      },
    },
  },
  async (request, reply) => {
    staffOf(request);
    const ws = workspaceOf(request);
    const { email } = request.body as { email: string };
    const row = await inWorkspace(ctx.db, ws.id, (tx) =>
      tx
        .insertInto('customers')
        .values({ workspace_id: ws.id, email })
        .returning(['id', 'email'])
        .executeTakeFirstOrThrow(),
    );
    return reply.status(201).send(row);
  },
);

describe('HTTP platform', () => {
  it('answers /healthz once migrations are applied', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('serves the OpenAPI 3.1 document and a browsable page', async () => {
    const doc = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    const body = doc.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toContain('/healthz');
    const page = await ctx.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/swagger/i);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Not found' });
  });

  it('sets security headers and a request id', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('rejects malformed JSON with a 400 problem, not a 500', async () => {
    const ws = await buildWorkspace(ctx.db);
    const admin = await buildAdmin(ctx.db, ws);
    const res = await ctx.app.inject(
      asBearer(admin.token, {
        method: 'POST',
        url: '/api/test/customers',
        headers: { 'content-type': 'application/json' },
        payload: '{"email": ',
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST' });
  });

  it('lists every invalid field', async () => {
    const ws = await buildWorkspace(ctx.db);
    const admin = await buildAdmin(ctx.db, ws);
    const res = await ctx.app.inject(
      asBearer(admin.token, {
        method: 'POST',
        url: '/api/test/customers',
        payload: { email: 'nope', extra: 1 },
      }),
    );
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; errors: { path: string; message: string }[] }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['body.email']));
  });

  it('answers a wrong media type with 415', async () => {
    const ws = await buildWorkspace(ctx.db);
    const admin = await buildAdmin(ctx.db, ws);
    const res = await ctx.app.inject(
      asBearer(admin.token, {
        method: 'POST',
        url: '/api/test/customers',
        headers: { 'content-type': 'application/xml' },
        payload: '<x/>',
      }),
    );
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('turns a duplicate into 409, not 500', async () => {
    const ws = await buildWorkspace(ctx.db);
    const admin = await buildAdmin(ctx.db, ws);
    const send = () =>
      ctx.app.inject(
        asBearer(admin.token, {
          method: 'POST',
          url: '/api/test/customers',
          payload: { email: 'dup@x.test' },
        }),
      );
    expect((await send()).statusCode).toBe(201);
    const again = await send();
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('enforces declared access: 401 without credentials, 403 for an agent on an admin route', async () => {
    const ws = await buildWorkspace(ctx.db);
    const anon = await ctx.app.inject({
      method: 'POST',
      url: '/api/test/customers',
      headers: { 'x-workspace': ws.slug },
      payload: { email: 'a@x.test' },
    });
    expect(anon.statusCode).toBe(401);
    const agent = await buildUser(ctx.db, ws, { role: 'agent' });
    const token = await buildToken(ctx.db, ws, agent.id);
    const res = await ctx.app.inject(
      asBearer(token, { method: 'POST', url: '/api/test/customers', payload: { email: 'a@x.test' } }),
    );
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers an invalid bearer token with 401', async () => {
    const res = await ctx.app.inject(asBearer('bfg2_nope', { method: 'GET', url: '/api/auth/me' }));
    expect(res.statusCode).toBe(401);
  });

  it('answers a workspace header naming an unknown workspace with 404', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/support/kb/categories/',
      headers: { 'x-workspace': 'no-such-ws' },
    });
    expect(res.statusCode).toBe(404);
  });

  it('answers the health check without resolving a caller or workspace', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-workspace': 'no-such-ws', authorization: 'Bearer bfg2_nope' },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer and creates nothing new', async () => {
    const ws = await buildWorkspace(ctx.db);
    const admin = await buildAdmin(ctx.db, ws);
    const send = (email: string, key = 'key-1') =>
      ctx.app.inject(
        asBearer(admin.token, {
          method: 'POST',
          url: '/api/test/customers',
          headers: { 'idempotency-key': key },
          payload: { email },
        }),
      );
    const first = await send('idem@x.test');
    const second = await send('idem@x.test');
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    const count = await inWorkspace(ctx.db, ws.id, (tx) =>
      tx
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('email', '=', 'idem@x.test')
        .executeTakeFirstOrThrow(),
    );
    expect(Number(count.n)).toBe(1);
    const reused = await send('other@x.test');
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('keeps keys per principal', async () => {
    const ws = await buildWorkspace(ctx.db);
    const a = await buildAdmin(ctx.db, ws);
    const b = await buildAdmin(ctx.db, ws);
    const send = (token: string, email: string) =>
      ctx.app.inject(
        asBearer(token, {
          method: 'POST',
          url: '/api/test/customers',
          headers: { 'idempotency-key': 'same' },
          payload: { email },
        }),
      );
    expect((await send(a.token, 'pa@x.test')).statusCode).toBe(201);
    expect((await send(b.token, 'pb@x.test')).statusCode).toBe(201);
  });

  it('forgets a key after 24 h: the same key then runs a new request', async () => {
    const ws = await buildWorkspace(ctx.db);
    const admin = await buildAdmin(ctx.db, ws);
    const send = (email: string) =>
      ctx.app.inject(
        asBearer(admin.token, {
          method: 'POST',
          url: '/api/test/customers',
          headers: { 'idempotency-key': 'daily' },
          payload: { email },
        }),
      );
    const first = await send('day1@x.test');
    expect(first.statusCode).toBe(201);
    await inWorkspace(ctx.db, ws.id, (tx) =>
      tx
        .updateTable('idempotency_keys')
        .set({ created_at: new Date(Date.now() - 25 * 3600_000) })
        .where('key', '=', 'daily')
        .execute(),
    );
    const later = await send('day2@x.test');
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.json()).not.toEqual(first.json());
    const replay = await send('day2@x.test');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(later.json());
  });

  it('replays a 4xx answer too, and lets a new key through', async () => {
    const ws = await buildWorkspace(ctx.db);
    const admin = await buildAdmin(ctx.db, ws);
    const send = (key: string) =>
      ctx.app.inject(
        asBearer(admin.token, {
          method: 'POST',
          url: '/api/test/customers',
          headers: { 'idempotency-key': key },
          payload: { email: 'x4@x.test' },
        }),
      );
    expect((await send('k1')).statusCode).toBe(201);
    const first = await send('k2');
    expect(first.statusCode).toBe(409);
    const replay = await send('k2');
    expect(replay.statusCode).toBe(409);
    expect(replay.headers['content-type']).toMatch(/problem\+json/);
    // The replay goes through the route's documented problem schema: it must not lose a member.
    expect(replay.json()).toEqual(first.json());
  });
});
