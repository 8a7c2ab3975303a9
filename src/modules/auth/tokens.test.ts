import { describe, expect, it } from 'vitest';
import { asBearer, testApp } from '../../test/app.js';
import { buildAdmin, buildToken, buildUser, buildWorkspace } from '../../test/factories.js';

const ctx = await testApp();

interface TokenBody {
  id: number;
  name: string;
  token_prefix: string;
  token?: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

async function createToken(
  bearer: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return ctx.app.inject(asBearer(bearer, { method: 'POST', url: '/api/auth/tokens', headers, payload }));
}

describe('/api/auth/tokens', () => {
  it('creates a token shown once, which then authenticates', async () => {
    const ws = await buildWorkspace(ctx.db);
    const user = await buildUser(ctx.db, ws);
    const bearer = await buildToken(ctx.db, ws, user.id);
    const res = await createToken(bearer, { name: ' CI deploy ', expires_in_days: 30 });
    expect(res.statusCode).toBe(201);
    const body = res.json<TokenBody>();
    expect(body).toEqual({
      id: expect.any(Number) as unknown,
      name: 'CI deploy',
      token_prefix: body.token?.slice(0, body.token_prefix.length),
      token: expect.stringMatching(/^bfg2_/) as unknown,
      created_at: expect.stringMatching(/Z$/) as unknown,
      last_used_at: null,
      expires_at: expect.stringMatching(/Z$/) as unknown,
      revoked_at: null,
    });
    const days = (Date.parse(body.expires_at!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    const me = await ctx.app.inject(asBearer(body.token!, { method: 'GET', url: '/api/auth/me' }));
    expect(me.json()).toMatchObject({ user: { id: user.id } });

    const list = await ctx.app.inject(asBearer(bearer, { method: 'GET', url: '/api/auth/tokens' }));
    expect(list.statusCode).toBe(200);
    const page = list.json<{ results: TokenBody[]; next_cursor: string | null }>();
    expect(page.next_cursor).toBeNull();
    expect(page.results).toHaveLength(2);
    expect(page.results[0]).toMatchObject({
      id: body.id,
      name: 'CI deploy',
      last_used_at: expect.stringMatching(/Z$/) as unknown,
    });
    expect(page.results.every((t) => !('token' in t) && !('token_hash' in t))).toBe(true);
  });

  it('replays the creation for the same Idempotency-Key', async () => {
    const ws = await buildWorkspace(ctx.db);
    const admin = await buildAdmin(ctx.db, ws);
    const first = await createToken(admin.token, { name: 'once' }, { 'idempotency-key': 'k-1' });
    const again = await createToken(admin.token, { name: 'once' }, { 'idempotency-key': 'k-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json<TokenBody>().id).toBe(first.json<TokenBody>().id);
    // The secret is shown once: neither the replay nor the stored key holds it.
    const secret = first.json<TokenBody>().token ?? '';
    expect(secret).toMatch(/^bfg2_/);
    expect(again.body).not.toContain(secret);
    const stored = await ctx.db.raw.query<{ body: string }>(
      'SELECT response_body::text AS body FROM idempotency_keys WHERE key = $1',
      ['k-1'],
    );
    expect(stored.rows.map((r) => r.body).join()).not.toContain(secret);
    const list = await ctx.app.inject(asBearer(admin.token, { method: 'GET', url: '/api/auth/tokens' }));
    expect(list.json<{ results: TokenBody[] }>().results.filter((t) => t.name === 'once')).toHaveLength(1);
  });

  it('validates the body', async () => {
    const ws = await buildWorkspace(ctx.db);
    const admin = await buildAdmin(ctx.db, ws);
    for (const payload of [{}, { name: '' }, { name: 'x', expires_in_days: 0 }, { name: 'x', extra: 1 }]) {
      const res = await createToken(admin.token, payload);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('lists only my own tokens, a page at a time', async () => {
    const ws = await buildWorkspace(ctx.db);
    const me = await buildUser(ctx.db, ws);
    const colleague = await buildUser(ctx.db, ws);
    const bearer = await buildToken(ctx.db, ws, me.id);
    await buildToken(ctx.db, ws, colleague.id);
    for (const name of ['a', 'b', 'c']) await createToken(bearer, { name });

    const first = await ctx.app.inject(asBearer(bearer, { method: 'GET', url: '/api/auth/tokens?limit=3' }));
    const page1 = first.json<{ results: TokenBody[]; next_cursor: string | null }>();
    expect(page1.results.map((t) => t.name)).toEqual(['c', 'b', 'a']);
    expect(page1.next_cursor).not.toBeNull();
    const second = await ctx.app.inject(
      asBearer(bearer, { method: 'GET', url: `/api/auth/tokens?limit=3&cursor=${page1.next_cursor}` }),
    );
    const page2 = second.json<{ results: TokenBody[]; next_cursor: string | null }>();
    expect(page2.results).toHaveLength(1);
    expect(page2.next_cursor).toBeNull();

    const bad = await ctx.app.inject(asBearer(bearer, { method: 'GET', url: '/api/auth/tokens?cursor=abc' }));
    expect(bad.statusCode).toBe(400);
  });

  it('revokes my own token, which then stops working', async () => {
    const ws = await buildWorkspace(ctx.db);
    const user = await buildUser(ctx.db, ws);
    const bearer = await buildToken(ctx.db, ws, user.id);
    const created = (await createToken(bearer, { name: 'short-lived' })).json<TokenBody>();

    const res = await ctx.app.inject(
      asBearer(bearer, { method: 'DELETE', url: `/api/auth/tokens/${created.id}` }),
    );
    expect(res.statusCode).toBe(204);
    const me = await ctx.app.inject(asBearer(created.token!, { method: 'GET', url: '/api/auth/me' }));
    expect(me.statusCode).toBe(401);
    // Revoking again is harmless.
    const again = await ctx.app.inject(
      asBearer(bearer, { method: 'DELETE', url: `/api/auth/tokens/${created.id}` }),
    );
    expect(again.statusCode).toBe(204);
    const list = await ctx.app.inject(asBearer(bearer, { method: 'GET', url: '/api/auth/tokens' }));
    expect(
      list.json<{ results: TokenBody[] }>().results.find((t) => t.id === created.id)?.revoked_at,
    ).toMatch(/Z$/);
  });

  it('lets an admin revoke a colleague’s token, but not an agent', async () => {
    const ws = await buildWorkspace(ctx.db);
    const admin = await buildAdmin(ctx.db, ws);
    const agent = await buildUser(ctx.db, ws);
    const agentBearer = await buildToken(ctx.db, ws, agent.id);
    const adminToken = (await createToken(admin.token, { name: 'admin’s' })).json<TokenBody>();
    const agentToken = (await createToken(agentBearer, { name: 'agent’s' })).json<TokenBody>();

    const byAgent = await ctx.app.inject(
      asBearer(agentBearer, { method: 'DELETE', url: `/api/auth/tokens/${adminToken.id}` }),
    );
    expect(byAgent.statusCode).toBe(404);
    const byAdmin = await ctx.app.inject(
      asBearer(admin.token, { method: 'DELETE', url: `/api/auth/tokens/${agentToken.id}` }),
    );
    expect(byAdmin.statusCode).toBe(204);
    expect(
      (await ctx.app.inject(asBearer(agentToken.token!, { method: 'GET', url: '/api/auth/me' }))).statusCode,
    ).toBe(401);
  });

  it('answers 404 for another workspace’s token id, and leaves it alone', async () => {
    const ws = await buildWorkspace(ctx.db);
    const other = await buildWorkspace(ctx.db);
    const admin = await buildAdmin(ctx.db, ws);
    const otherAdmin = await buildAdmin(ctx.db, other);
    const foreign = (await createToken(otherAdmin.token, { name: 'theirs' })).json<TokenBody>();

    const res = await ctx.app.inject(
      asBearer(admin.token, { method: 'DELETE', url: `/api/auth/tokens/${foreign.id}` }),
    );
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      (await ctx.app.inject(asBearer(foreign.token!, { method: 'GET', url: '/api/auth/me' }))).statusCode,
    ).toBe(200);

    const missing = await ctx.app.inject(
      asBearer(admin.token, { method: 'DELETE', url: '/api/auth/tokens/999999999' }),
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.body.replace(/\d+/g, '')).toBe(res.body.replace(/\d+/g, ''));
    const notAnId = await ctx.app.inject(
      asBearer(admin.token, { method: 'DELETE', url: '/api/auth/tokens/abc' }),
    );
    expect(notAnId.statusCode).toBe(400);
  });

  it('needs staff credentials', async () => {
    const ws = await buildWorkspace(ctx.db);
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/tokens',
      headers: { 'x-workspace': ws.slug },
    });
    expect(res.statusCode).toBe(401);
  });
});
