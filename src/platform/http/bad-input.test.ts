/**
 * Input the database cannot store, errors raised before any route runs, and JSON bodies of the wrong
 * type: each answers a 4xx problem with a stable code, never a 500 or a silent conversion.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { adminContext } from '../../test/admin-context.js';
import { asBearer, testApp } from '../../test/app.js';
import { buildAdmin, buildWorkspace } from '../../test/factories.js';
import { clientErrorHandler } from './error-handler.js';

const ctx = await testApp();

function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ status, code });
  return res.json<{ detail: string; errors?: { path: string; message: string }[] }>();
}

describe('text PostgreSQL cannot store', () => {
  it('refuses a NUL byte in a JSON body field with 400 naming the field (anonymous web form)', async () => {
    const ws = await buildWorkspace(ctx.db);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/support/tickets/',
      headers: { 'x-workspace': ws.slug },
      payload: { subject: 'a\u0000b', description: 'text', email: 'nul@x.test', name: 'N' },
    });
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(body.errors?.map((e) => e.path)).toEqual(['body.subject']);
    expect(body.errors?.[0]?.message).toMatch(/NUL/);
  });

  it('refuses NUL in a nested field, an object key and an array item', async () => {
    const ws = await buildWorkspace(ctx.db);
    const admin = await buildAdmin(ctx.db, ws);
    for (const [payload, path] of [
      [{ name: 'x', holidays: [{ date: '2026-01-01', name: 'a\u0000' }] }, 'body.holidays.0.name'],
      [{ name: 'x', 'k\u0000': 1 }, 'body'],
      [{ name: 'x', business_days: [1], timezone: '\u0000' }, 'body.timezone'],
    ] as const) {
      const res = await ctx.app.inject(
        asBearer(admin.token, { method: 'POST', url: '/api/support/admin/slas/', payload }),
      );
      const body = expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(body.errors?.[0]?.path).toBe(path);
    }
  });

  it('refuses an unpaired surrogate, which UTF-8 cannot encode', async () => {
    const ws = await buildWorkspace(ctx.db);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/support/tickets/',
      headers: { 'x-workspace': ws.slug, 'content-type': 'application/json' },
      payload: '{"subject":"a\\ud800b","description":"d","email":"s@x.test","name":"S"}',
    });
    expect(expectProblem(res, 400, 'VALIDATION_FAILED').errors?.[0]?.path).toBe('body.subject');
  });

  it('refuses NUL in the query string, a path parameter and a header', async () => {
    const ws = await buildWorkspace(ctx.db);
    const admin = await buildAdmin(ctx.db, ws);
    const cases = [
      [{ url: '/api/support/tickets/?q=%00' }, 'querystring.q'],
      [{ url: '/api/support/admin/tickets/?customer=%00' }, 'querystring.customer'],
      [{ url: '/api/support/tickets/1%00/' }, 'params.id'],
      [
        { url: '/api/support/tickets/', headers: { 'x-workspace': `${ws.slug}\u0000` } },
        'headers.x-workspace',
      ],
    ] as const;
    for (const [request, path] of cases) {
      const res = await ctx.app.inject(asBearer(admin.token, { method: 'GET', ...request }));
      expect(expectProblem(res, 400, 'VALIDATION_FAILED').errors?.[0]?.path).toBe(path);
    }
  });

  it('refuses NUL in a multipart field', async () => {
    const ws = await buildWorkspace(ctx.db);
    const boundary = 'b0undary';
    const payload =
      `--${boundary}\r\nContent-Disposition: form-data; name="subject"\r\n\r\na\u0000b\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\nd\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\nm@x.test\r\n` +
      `--${boundary}--\r\n`;
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/support/tickets/',
      headers: { 'x-workspace': ws.slug, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(expectProblem(res, 400, 'VALIDATION_FAILED').errors?.[0]?.path).toBe('body.subject');
  });
});

describe('errors raised before a route runs', () => {
  it('answers a path parameter over the router limit with 414 problem', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/support/kb/${'a'.repeat(150)}/` });
    expectProblem(res, 414, 'URI_TOO_LONG');
  });

  it('answers a malformed percent-encoding with 400 problem', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/support/kb/%E0%A4%A/' });
    expectProblem(res, 400, 'MALFORMED_REQUEST');
  });

  it('answers an empty JSON body and a JSON body on a body-less route as problems', async () => {
    const ws = await buildWorkspace(ctx.db);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/customer/login',
      headers: { 'x-workspace': ws.slug, 'content-type': 'application/json' },
      payload: '',
    });
    expectProblem(res, 400, 'MALFORMED_REQUEST');
  });

  it('answers too large headers (431) and a timeout (408) on the socket as problems', () => {
    const answers: Array<{ status: number; head: string; body: Record<string, unknown> }> = [];
    for (const code of ['HPE_HEADER_OVERFLOW', 'ERR_HTTP_REQUEST_TIMEOUT', 'HPE_INVALID_METHOD']) {
      let written = '';
      const socket = Object.assign(
        new Writable({
          write(chunk: Buffer, _enc, done) {
            written += chunk.toString('utf8');
            done();
          },
        }),
        { destroy: () => socket },
      );
      clientErrorHandler(Object.assign(new Error(code), { code }), socket as never);
      const [head = '', body = ''] = written.split('\r\n\r\n');
      answers.push({
        status: Number(head.split(' ')[1]),
        head,
        body: JSON.parse(body) as Record<string, unknown>,
      });
    }
    expect(answers.map((a) => [a.status, a.body.code])).toEqual([
      [431, 'HEADERS_TOO_LARGE'],
      [408, 'REQUEST_TIMEOUT'],
      [400, 'MALFORMED_REQUEST'],
    ]);
    for (const a of answers) expect(a.head).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/i);
  });
});

describe('JSON bodies are not coerced', () => {
  it('refuses {"members": true} instead of making user 1 a member', async () => {
    const { call } = await adminContext(ctx.app, ctx.db, '/api/support/admin/teams/');
    const res = await call('POST', '/api/support/admin/teams/', { name: 'Coerced', members: true });
    expect(expectProblem(res, 400, 'VALIDATION_FAILED').errors?.[0]?.path).toBe('body.members');
  });

  it('refuses {"business_days": true}, a number as a string and a boolean as a string', async () => {
    const { call } = await adminContext(ctx.app, ctx.db, '/api/support/admin/slas/');
    for (const payload of [
      { name: 'S', business_days: true },
      { name: 'S', business_days: ['1'] },
      { name: 'S', is_active: 'true' },
      { name: 123 },
    ]) {
      const res = await call('POST', '/api/support/admin/slas/', payload);
      expectProblem(res, 400, 'VALIDATION_FAILED');
    }
  });

  it('still coerces query strings and path parameters', async () => {
    const { ws, call } = await adminContext(ctx.app, ctx.db, '/api/support/admin/tickets/');
    const res = await call('GET', '/api/support/admin/tickets/?limit=2&breached=false');
    expect(res.statusCode, res.body).toBe(200);
    const count = await inWorkspace(ctx.db, ws.id, (tx) =>
      tx
        .selectFrom('support_tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    expect(Number(count.n)).toBe(0);
  });
});
