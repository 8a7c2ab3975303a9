import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../db/schema.js';
import { inWorkspace } from '../../db/tenant.js';
import { SESSION_COOKIE } from '../../platform/auth/authenticate.js';
import { testApp } from '../../test/app.js';
import { buildCustomer, buildWorkspace, unique } from '../../test/factories.js';
import { MAGIC_LINK_TTL_MINUTES } from './request-magic-link.js';
import { magicLinkPage, pageLanguage } from './magic-link-page.js';

let clockOffsetMs = 0;
const ctx = await testApp({ now: () => new Date(Date.now() + clockOffsetMs) });

/** Each test calls from its own address, so the per-IP login limit never couples tests. */
function client(headers: Record<string, string> = {}) {
  const remoteAddress = `10.3.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  return (options: InjectOptions) =>
    ctx.app.inject({ remoteAddress, ...options, headers: { ...headers, ...options.headers } });
}

function emailsTo(ws: Workspace, to: string) {
  return inWorkspace(ctx.db, ws.id, (tx) =>
    tx
      .selectFrom('outbound_emails')
      .select(['to_address', 'subject', 'text_body'])
      .where('to_address', '=', to)
      .orderBy('id')
      .execute(),
  );
}

/** Requests a link for the customer and returns the URL the email carries. */
async function requestLink(ws: Workspace, email: string): Promise<URL> {
  const res = await client({ 'x-workspace': ws.slug })({
    method: 'POST',
    url: '/api/auth/customer/magic-link',
    payload: { email },
  });
  expect(res.statusCode).toBe(202);
  const [mail] = await emailsTo(ws, email.toLowerCase());
  const link = /https?:\/\/\S+/.exec(mail?.text_body ?? '')?.[0];
  if (!link) throw new Error('no link in the email');
  return new URL(link);
}

describe('POST /api/auth/customer/magic-link', () => {
  it('queues an email with a one-time link for a customer of the workspace', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws, { password: null });
    const res = await client({ 'x-workspace': ws.slug })({
      method: 'POST',
      url: '/api/auth/customer/magic-link',
      payload: { email: customer.email.toUpperCase() },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'sent' });

    const mails = await emailsTo(ws, customer.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(ws.name);
    const link = new URL(/https?:\/\/\S+/.exec(mails[0]!.text_body)![0]);
    expect(`${link.origin}${link.pathname}`).toBe(
      `${ctx.deps.config.publicUrl}/api/auth/customer/magic-link/consume`,
    );
    expect(link.searchParams.get('workspace')).toBe(ws.slug);
    expect(link.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const stored = await inWorkspace(ctx.db, ws.id, (tx) =>
      tx
        .selectFrom('customer_login_tokens')
        .select(['token_hash', 'expires_at', 'used_at'])
        .where('customer_id', '=', customer.id)
        .execute(),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toBe(link.searchParams.get('token'));
    expect(stored[0]!.used_at).toBeNull();
    const ttl = stored[0]!.expires_at.getTime() - Date.now();
    expect(ttl).toBeGreaterThan((MAGIC_LINK_TTL_MINUTES - 1) * 60_000);
    expect(ttl).toBeLessThanOrEqual(MAGIC_LINK_TTL_MINUTES * 60_000);
  });

  it('answers the same 202 for an unknown email and sends nothing', async () => {
    const ws = await buildWorkspace(ctx.db);
    const known = await buildCustomer(ctx.db, ws);
    const call = client({ 'x-workspace': ws.slug });
    const email = `nobody-${unique()}@example.test`;
    const unknown = await call({ method: 'POST', url: '/api/auth/customer/magic-link', payload: { email } });
    const existing = await call({
      method: 'POST',
      url: '/api/auth/customer/magic-link',
      payload: { email: known.email },
    });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(existing.body);
    expect(await emailsTo(ws, email)).toEqual([]);
  });

  it('sends nothing for a customer of another workspace', async () => {
    const ws = await buildWorkspace(ctx.db);
    const other = await buildWorkspace(ctx.db);
    const elsewhere = await buildCustomer(ctx.db, other);
    const res = await client({ 'x-workspace': ws.slug })({
      method: 'POST',
      url: '/api/auth/customer/magic-link',
      payload: { email: elsewhere.email },
    });
    expect(res.statusCode).toBe(202);
    expect(await emailsTo(other, elsewhere.email)).toEqual([]);
  });
});

describe('/api/auth/customer/magic-link/consume', () => {
  it('GET shows a page with a button and spends nothing; only the POST logs in, once', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws, { password: null });
    const link = await requestLink(ws, customer.email);
    const call = client();
    const url = `${link.pathname}${link.search}`;

    // A mail scanner opening the link twice spends nothing.
    for (let i = 0; i < 2; i++) {
      const page = await call({ method: 'GET', url });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.cookies).toEqual([]);
      expect(page.body).toContain(`<form method="post" action="${url.replace(/&/g, '&amp;')}">`);
      expect(page.body).toMatch(/<button[^>]*>Log in<\/button>/);
    }

    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const first = await call({ method: 'POST', url, headers: form, payload: '' });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/portal');
    const cookie = first.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const me = await call({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { [SESSION_COOKIE]: cookie!.value },
    });
    expect(me.json()).toMatchObject({
      kind: 'customer',
      customer: { id: customer.id },
      workspace: { slug: ws.slug },
    });

    const again = await call({ method: 'POST', url, headers: form, payload: '' });
    expect(again.statusCode).toBe(401);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.cookies).toEqual([]);

    const verified = await inWorkspace(ctx.db, ws.id, (tx) =>
      tx
        .selectFrom('customers')
        .select('email_verified_at')
        .where('id', '=', customer.id)
        .executeTakeFirstOrThrow(),
    );
    expect(verified.email_verified_at).toBeInstanceOf(Date);
  });

  it('shows the page in the reader’s language (Accept-Language), else the workspace’s', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws, { password: null });
    const link = await requestLink(ws, customer.email);
    const url = `${link.pathname}${link.search}`;
    const call = client();
    const german = await call({
      method: 'GET',
      url,
      headers: { 'accept-language': 'de-AT, de;q=0.9, en;q=0.5' },
    });
    expect(german.body).toContain('<html lang="de">');
    expect(german.body).toMatch(/<button[^>]*>Anmelden<\/button>/);
    expect(german.body).not.toContain('Log in');
    const french = await call({ method: 'GET', url, headers: { 'accept-language': 'fr-CH, fr;q=0.9' } });
    expect(french.body).toContain('<html lang="en">'); // no French: the workspace's language (English)
    expect(french.body).toMatch(/<button[^>]*>Log in<\/button>/);
  });

  it('falls back to the workspace’s language, German here', () => {
    expect(pageLanguage(undefined, 'de')).toBe('de');
    expect(pageLanguage('fr', 'de-DE')).toBe('de');
    expect(pageLanguage('en-GB,de;q=0.5', 'de')).toBe('en');
    expect(pageLanguage('', 'pt')).toBe('en');
    expect(magicLinkPage('<Acme>', '/x?a=1&b=2', 'de')).toContain('Anmelden beim Support von &lt;Acme&gt;');
  });

  it('refuses the form when another site posts it', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws);
    const link = await requestLink(ws, customer.email);
    const res = await client()({
      method: 'POST',
      url: `${link.pathname}${link.search}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: '',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(res.cookies).toEqual([]);
  });

  it('trusts Sec-Fetch-Site over Origin: null, which Chromium sends for the no-referrer page', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws);
    const post = (link: URL, site: string) =>
      client()({
        method: 'POST',
        url: `${link.pathname}${link.search}`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'null',
          'sec-fetch-site': site,
        },
        payload: '',
      });
    const refused = await post(await requestLink(ws, customer.email), 'cross-site');
    expect(refused.statusCode).toBe(403);
    const other = await buildCustomer(ctx.db, ws);
    const own = await post(await requestLink(ws, other.email), 'same-origin');
    expect(own.statusCode).toBe(303);
    expect(own.headers.location).toBe('/portal');
  });

  it('revokes the older links when a new one is issued', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws);
    const older = await requestLink(ws, customer.email);
    const res = await client({ 'x-workspace': ws.slug })({
      method: 'POST',
      url: '/api/auth/customer/magic-link',
      payload: { email: customer.email },
    });
    expect(res.statusCode).toBe(202);
    const mails = await emailsTo(ws, customer.email);
    expect(mails).toHaveLength(2);
    const newer = new URL(/https?:\/\/\S+/.exec(mails[1]!.text_body)![0]);
    expect(newer.search).not.toBe(older.search);
    expect((await client()({ method: 'POST', url: `${older.pathname}${older.search}` })).statusCode).toBe(
      401,
    );
    expect((await client()({ method: 'POST', url: `${newer.pathname}${newer.search}` })).statusCode).toBe(
      200,
    );
  });

  it('answers POST like a login', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws);
    const link = await requestLink(ws, customer.email);
    const res = await client()({ method: 'POST', url: `${link.pathname}${link.search}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      customer: { id: customer.id, email: customer.email, name: customer.name },
      workspace: { id: ws.id, slug: ws.slug, name: ws.name },
      csrf_token: expect.any(String) as unknown,
    });
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeTruthy();
  });

  it('refuses an unknown, an expired, or another workspace’s token', async () => {
    const ws = await buildWorkspace(ctx.db);
    const other = await buildWorkspace(ctx.db);
    const customer = await buildCustomer(ctx.db, ws);
    const call = client();

    const unknown = await call({
      method: 'POST',
      url: `/api/auth/customer/magic-link/consume?token=nope&workspace=${ws.slug}`,
    });
    expect(unknown.statusCode).toBe(401);

    const link = await requestLink(ws, customer.email);
    const token = link.searchParams.get('token')!;
    const wrongWorkspace = await call({
      method: 'POST',
      url: `/api/auth/customer/magic-link/consume?token=${token}&workspace=${other.slug}`,
    });
    expect(wrongWorkspace.statusCode).toBe(401);

    clockOffsetMs = (MAGIC_LINK_TTL_MINUTES + 1) * 60_000;
    try {
      const expired = await call({ method: 'POST', url: `${link.pathname}${link.search}` });
      expect(expired.statusCode).toBe(401);
    } finally {
      clockOffsetMs = 0;
    }
    // Still unused: it failed only because it had expired.
    const fresh = await call({ method: 'POST', url: `${link.pathname}${link.search}` });
    expect(fresh.statusCode).toBe(200);
  });

  it('needs the token', async () => {
    const ws = await buildWorkspace(ctx.db);
    const res = await client()({
      method: 'GET',
      url: `/api/auth/customer/magic-link/consume?workspace=${ws.slug}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
