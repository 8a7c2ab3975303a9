/**
 * Login throttling counts failed passwords per account and source address together, delays further tries
 * from that source by a growing interval instead of locking the account, and forgets them on success:
 * nobody can lock someone else out, and normal use never trips it.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';
import { buildCustomer, buildUser, buildWorkspace } from '../../test/factories.js';
import { LOGIN_FAILURE_DELAY } from './rate-limits.js';

let clock = Date.parse('2026-06-01T10:00:00Z');
const ctx = await testApp({ now: () => new Date(clock) });
let address = 0;
/** A fresh source address per test, so the per-IP limit never couples tests. */
const newAddress = () => `10.7.${Math.floor(++address / 250)}.${address % 250}`;

async function staff() {
  const ws = await buildWorkspace(ctx.db);
  const user = await buildUser(ctx.db, ws);
  const login = (password: string, remoteAddress: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress,
      payload: { email: user.email, password },
    });
  return { user, login };
}

describe('login throttling', () => {
  it('delays a source after its free failures, by a growing interval', async () => {
    const { user, login } = await staff();
    const from = newAddress();
    for (let i = 0; i < LOGIN_FAILURE_DELAY.freeFailures; i++)
      expect((await login('wrong', from)).statusCode).toBe(401);
    expect((await login('wrong', from)).statusCode).toBe(401);
    const first = await login(user.password, from);
    expect(first.statusCode).toBe(429);
    expect(first.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(first.json()).toMatchObject({ code: 'RATE_LIMITED' });
    const firstDelay = Number(first.headers['retry-after']);
    expect(firstDelay).toBe(LOGIN_FAILURE_DELAY.firstDelayMs / 1000);

    clock += firstDelay * 1000;
    expect((await login('wrong again', from)).statusCode).toBe(401);
    const second = await login(user.password, from);
    expect(second.statusCode).toBe(429);
    expect(Number(second.headers['retry-after'])).toBe(firstDelay * 2);

    clock += firstDelay * 2 * 1000;
    expect((await login(user.password, from)).statusCode).toBe(200);
  });

  it('never locks the account for another source', async () => {
    const { user, login } = await staff();
    const attacker = newAddress();
    for (let i = 0; i < LOGIN_FAILURE_DELAY.freeFailures + 1; i++) await login('guess', attacker);
    expect((await login('guess', attacker)).statusCode).toBe(429);
    expect((await login(user.password, newAddress())).statusCode).toBe(200);
  });

  it('forgets the failures on success and never counts successes', async () => {
    const { user, login } = await staff();
    const from = newAddress();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < LOGIN_FAILURE_DELAY.freeFailures; i++)
        expect((await login('typo', from)).statusCode).toBe(401);
      expect((await login(user.password, from)).statusCode).toBe(200);
    }
    const ws = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws);
    const customerAddress = newAddress();
    for (let i = 0; i < 8; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/customer/login',
        remoteAddress: customerAddress,
        headers: { 'x-workspace': ws.slug },
        payload: { email: customer.email, password: customer.password },
      });
      expect(res.statusCode, `login ${i + 1}`).toBe(200);
    }
  });
});
