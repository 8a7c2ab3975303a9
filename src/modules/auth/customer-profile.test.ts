/** The customer's own profile: name, language, password; never anyone else's, never staff fields. */
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import { buildAdmin, buildCustomer, buildWorkspace, customerSession } from '../../test/factories.js';

const ctx = await testApp();
const PROFILE = '/api/auth/customer/profile';
const PASSWORD = '/api/auth/customer/password';

/** Each test calls from its own address, so the per-IP limit never couples tests. */
function as(headers: Record<string, string>) {
  const remoteAddress = `10.7.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  return (options: InjectOptions) =>
    ctx.app.inject({ remoteAddress, ...options, headers: { ...headers, ...options.headers } });
}

async function verifiedCustomer(
  ws: Awaited<ReturnType<typeof buildWorkspace>>,
  password: string | null = 'old password 1',
) {
  const customer = await buildCustomer(ctx.db, ws, { password, name: 'Cleo Customer' });
  await inWorkspace(ctx.db, ws.id, (tx) =>
    tx
      .updateTable('customers')
      .set({ email_verified_at: new Date(), phone: '+49 30 1234' })
      .where('id', '=', customer.id)
      .execute(),
  );
  return customer;
}

describe('GET/PATCH /api/auth/customer/profile', () => {
  it('shows the customer their email, name and language and nothing staff-only', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await verifiedCustomer(ws);
    const call = as(await customerSession(ctx.db, ws, customer.id));
    const res = await call({ method: 'GET', url: PROFILE });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      email: customer.email,
      name: 'Cleo Customer',
      language: '',
      has_password: true,
    });
  });

  it('changes the caller’s own name and language and no one else’s', async () => {
    const ws = await buildWorkspace(ctx.db);
    const me = await verifiedCustomer(ws);
    const other = await verifiedCustomer(ws);
    const call = as(await customerSession(ctx.db, ws, me.id));
    const res = await call({
      method: 'PATCH',
      url: PROFILE,
      payload: { name: '  Cleo B. ', language: 'de' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Cleo B.', language: 'de' });
    const stored = await inWorkspace(ctx.db, ws.id, (tx) =>
      tx
        .selectFrom('customers')
        .select(['id', 'name', 'language'])
        .where('id', 'in', [me.id, other.id])
        .execute(),
    );
    expect(stored.find((c) => c.id === other.id)).toMatchObject({ name: 'Cleo Customer', language: '' });
    // No way to name another customer, or to change the email or staff fields.
    for (const payload of [
      { id: other.id },
      { customer: other.id },
      { email: 'x@example.test' },
      { phone: '1' },
    ]) {
      const refused = await call({ method: 'PATCH', url: PROFILE, payload });
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
    }
    for (const payload of [{ language: 'fr' }, { name: '' }, { name: '   ' }, { name: 'x'.repeat(151) }]) {
      expect((await call({ method: 'PATCH', url: PROFILE, payload })).statusCode).toBe(400);
    }
  });

  it('is for customers only: anonymous 401, staff 403', async () => {
    const ws = await buildWorkspace(ctx.db);
    const admin = await buildAdmin(ctx.db, ws);
    expect((await ctx.app.inject({ method: 'GET', url: `${PROFILE}?workspace=${ws.slug}` })).statusCode).toBe(
      401,
    );
    const staff = await ctx.app.inject(asBearer(admin.token, { method: 'GET', url: PROFILE }));
    expect(staff.statusCode).toBe(403);
  });

  it('does not answer for the customer in another workspace', async () => {
    const ws = await buildWorkspace(ctx.db);
    const other = await buildWorkspace(ctx.db);
    const customer = await verifiedCustomer(ws);
    const call = as({ ...(await customerSession(ctx.db, ws, customer.id)), 'x-workspace': other.slug });
    const res = await call({ method: 'GET', url: PROFILE });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.body).not.toContain(customer.email);
  });
});

describe('POST /api/auth/customer/password', () => {
  it('needs the current password, then ends every other session and keeps this one', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await verifiedCustomer(ws);
    const here = as(await customerSession(ctx.db, ws, customer.id));
    const elsewhere = as(await customerSession(ctx.db, ws, customer.id));
    const wrong = await here({
      method: 'POST',
      url: PASSWORD,
      payload: { current_password: 'not it', new_password: 'new password 2' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ errors: Array<{ path: string }> }>().errors[0]?.path).toBe('current_password');
    expect((await elsewhere({ method: 'GET', url: PROFILE })).statusCode).toBe(200);

    const short = await here({
      method: 'POST',
      url: PASSWORD,
      payload: { current_password: 'old password 1', new_password: 'short' },
    });
    expect(short.statusCode).toBe(400);

    const ok = await here({
      method: 'POST',
      url: PASSWORD,
      payload: { current_password: 'old password 1', new_password: 'new password 2' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ ended_sessions: 1 });
    expect((await here({ method: 'GET', url: PROFILE })).statusCode).toBe(200);
    expect((await elsewhere({ method: 'GET', url: PROFILE })).statusCode).toBe(401);

    const login = (password: string) =>
      as({ 'x-workspace': ws.slug })({
        method: 'POST',
        url: '/api/auth/customer/login',
        payload: { email: customer.email, password },
      });
    expect((await login('old password 1')).statusCode).toBe(401);
    expect((await login('new password 2')).statusCode).toBe(200);
  });

  it('leaves other customers’ sessions alone and refuses an account without a password (422)', async () => {
    const ws = await buildWorkspace(ctx.db);
    const me = await verifiedCustomer(ws);
    const other = await verifiedCustomer(ws);
    const otherCall = as(await customerSession(ctx.db, ws, other.id));
    const call = as(await customerSession(ctx.db, ws, me.id));
    const ok = await call({
      method: 'POST',
      url: PASSWORD,
      payload: { current_password: 'old password 1', new_password: 'new password 3' },
    });
    expect(ok.json()).toEqual({ ended_sessions: 0 });
    expect((await otherCall({ method: 'GET', url: PROFILE })).statusCode).toBe(200);

    const linkOnly = await verifiedCustomer(ws, null);
    const linkCall = as(await customerSession(ctx.db, ws, linkOnly.id));
    expect((await linkCall({ method: 'GET', url: PROFILE })).json()).toMatchObject({ has_password: false });
    const refused = await linkCall({
      method: 'POST',
      url: PASSWORD,
      payload: { current_password: 'anything', new_password: 'new password 4' },
    });
    expect(refused.statusCode).toBe(422);
  });

  it('is refused to staff (403)', async () => {
    const ws = await buildWorkspace(ctx.db);
    const admin = await buildAdmin(ctx.db, ws);
    const res = await ctx.app.inject(
      asBearer(admin.token, {
        method: 'POST',
        url: PASSWORD,
        payload: { current_password: 'x', new_password: 'new password 5' },
      }),
    );
    expect(res.statusCode).toBe(403);
  });
});
