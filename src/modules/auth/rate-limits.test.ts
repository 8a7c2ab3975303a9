import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../platform/auth/rate-limit.js';
import { AppError } from '../../platform/errors.js';
import { testApp } from '../../test/app.js';
import { buildCustomer, buildWorkspace, unique } from '../../test/factories.js';
import { AUTH_RATE_LIMITS } from './rate-limits.js';

const ctx = await testApp();

describe('createRateLimiter', () => {
  it('allows max hits per window, then throws RATE_LIMITED with the seconds left', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter(() => now);
    const limit = { max: 2, windowMs: 10_000 };
    limiter.hit([{ key: 'k', limit }]);
    limiter.hit([{ key: 'k', limit }]);
    now += 4_000;
    let error: unknown;
    try {
      limiter.hit([{ key: 'k', limit }]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', extra: { retryAfterSeconds: 6 } });
    // Another key is counted on its own.
    expect(() => limiter.hit([{ key: 'other', limit }])).not.toThrow();
    // A new window starts once the old one is over.
    now += 6_000;
    expect(() => limiter.hit([{ key: 'k', limit }])).not.toThrow();
  });

  it('refuses when any of the keys is over its limit', () => {
    const limiter = createRateLimiter(() => 0);
    const tight = { max: 1, windowMs: 60_000 };
    const loose = { max: 100, windowMs: 60_000 };
    limiter.hit([
      { key: 'ip', limit: loose },
      { key: 'email', limit: tight },
    ]);
    expect(() =>
      limiter.hit([
        { key: 'ip', limit: loose },
        { key: 'email', limit: tight },
      ]),
    ).toThrow(AppError);
    limiter.reset();
    expect(() => limiter.hit([{ key: 'email', limit: tight }])).not.toThrow();
  });
});

describe('rate limits on the credential endpoints', () => {
  it('keeps the production limits', () => {
    expect(AUTH_RATE_LIMITS).toEqual({
      perIp: { max: 10, windowMs: 60_000 },
      perEmail: { max: 5, windowMs: 15 * 60_000 },
    });
  });

  it('answers 429 with Retry-After after 5 magic links for one email', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws);
    const send = () =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/customer/magic-link',
        remoteAddress: '10.4.0.1',
        headers: { 'x-workspace': ws.slug },
        payload: { email: customer.email },
      });
    for (let i = 0; i < AUTH_RATE_LIMITS.perEmail.max; i++) expect((await send()).statusCode).toBe(202);
    const limited = await send();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    // The same address in another workspace is another customer.
    const other = await buildWorkspace(ctx.db);
    const elsewhere = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/customer/magic-link',
      remoteAddress: '10.4.0.2',
      headers: { 'x-workspace': other.slug },
      payload: { email: customer.email },
    });
    expect(elsewhere.statusCode).toBe(202);
  });

  it('answers 429 after 10 attempts from one address, whatever the emails', async () => {
    const ws = await buildWorkspace(ctx.db);
    const attempt = () =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/customer/login',
        remoteAddress: '10.4.2.1',
        headers: { 'x-workspace': ws.slug },
        payload: { email: `guess-${unique()}@example.test`, password: 'guess guess' },
      });
    for (let i = 0; i < AUTH_RATE_LIMITS.perIp.max; i++) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});
