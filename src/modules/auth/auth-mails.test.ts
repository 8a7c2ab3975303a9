/**
 * Account mails (issue 15): the login link, the sign-up confirmation and the password links go through
 * the mail templates — in the recipient's language, text and HTML part, with their workspace's name,
 * logo and accent colour — and their links still complete the flow.
 */
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../db/schema.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import { adminContext } from '../../test/admin-context.js';
import { buildCustomer, buildWorkspace, unique } from '../../test/factories.js';

const ctx = await testApp();

function client(ws: Workspace) {
  const remoteAddress = `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  return (options: InjectOptions) =>
    ctx.app.inject({ remoteAddress, ...options, headers: { 'x-workspace': ws.slug, ...options.headers } });
}

async function brand(ws: Workspace, settings: { accent: string; logo: string; language?: string }) {
  await asSystem(ctx.db, (tx) =>
    tx
      .updateTable('workspaces')
      .set({
        accent_color: settings.accent,
        logo_url: settings.logo,
        ...(settings.language ? { default_language: settings.language } : {}),
      })
      .where('id', '=', ws.id)
      .execute(),
  );
}

async function customerIn(ws: Workspace, language: '' | 'en' | 'de') {
  const customer = await buildCustomer(ctx.db, ws, { name: 'Dana Doe' });
  await inWorkspace(ctx.db, ws.id, (tx) =>
    tx.updateTable('customers').set({ language }).where('id', '=', customer.id).execute(),
  );
  return customer;
}

const mailsTo = (ws: Workspace, to: string) =>
  inWorkspace(ctx.db, ws.id, (tx) =>
    tx
      .selectFrom('outbound_emails')
      .select(['subject', 'text_body', 'html_body', 'headers'])
      .where('to_address', '=', to.toLowerCase())
      .orderBy('id')
      .execute(),
  );

async function onlyMailTo(ws: Workspace, to: string) {
  const mails = await mailsTo(ws, to);
  expect(mails).toHaveLength(1);
  return mails[0]!;
}

const linkIn = (text: string) => new URL(/https?:\/\/\S+/.exec(text)![0]);

/** The branding every HTML part of the workspace must carry. */
function expectBranded(html: string | null, accent: string, logo: string) {
  expect(html).toContain(`<img src="${logo}"`);
  expect(html).toContain(`border-top:4px solid ${accent}`);
  expect(html).toContain(`background-color:${accent}`);
  expect(html).not.toContain('{{');
}

async function askLoginLink(ws: Workspace, email: string) {
  const res = await client(ws)({ method: 'POST', url: '/api/auth/customer/magic-link', payload: { email } });
  expect(res.statusCode).toBe(202);
}

async function askReset(ws: Workspace, email: string) {
  const res = await client(ws)({
    method: 'POST',
    url: '/api/auth/customer/password/forgot',
    payload: { email },
  });
  expect(res.statusCode).toBe(202);
}

describe('account mails of a German customer', () => {
  it('login link: German subject and body, branded HTML, and the link logs in', async () => {
    const ws = await buildWorkspace(ctx.db);
    await brand(ws, { accent: '#0b7a55', logo: 'https://cdn.example/a.png' });
    const customer = await customerIn(ws, 'de');
    await askLoginLink(ws, customer.email);
    const mail = await onlyMailTo(ws, customer.email);
    expect(mail.subject).toBe(`Ihr Anmeldelink für ${ws.name}`);
    expect(mail.text_body).toMatch(/^Hallo Dana Doe,/);
    expect(mail.text_body).toContain('läuft in 15 Minuten ab');
    expect(mail.html_body).toContain('Anmelden</a>');
    expectBranded(mail.html_body, '#0b7a55', 'https://cdn.example/a.png');
    expect(mail.headers).toMatchObject({ 'Auto-Submitted': 'auto-generated' });

    const link = linkIn(mail.text_body);
    // The HTML button carries the same link.
    expect(mail.html_body).toContain(`href="${link.href.replace(/&/g, '&amp;')}"`);
    const login = await client(ws)({ method: 'POST', url: `${link.pathname}${link.search}` });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json()).toMatchObject({ customer: { id: customer.id } });
  });

  it('password reset: German subject and body, and the link sets a new password', async () => {
    const ws = await buildWorkspace(ctx.db);
    await brand(ws, { accent: '#0b7a55', logo: 'https://cdn.example/a.png' });
    const customer = await customerIn(ws, 'de');
    await askReset(ws, customer.email);
    const mail = await onlyMailTo(ws, customer.email);
    expect(mail.subject).toBe(`Neues Passwort für ${ws.name}`);
    expect(mail.text_body).toContain('Passwort für den Support');
    expect(mail.text_body).toContain('läuft in 60 Minuten ab');
    expectBranded(mail.html_body, '#0b7a55', 'https://cdn.example/a.png');

    const link = linkIn(mail.text_body);
    expect(link.pathname).toBe('/portal/password/reset');
    const set = await client(ws)({
      method: 'POST',
      url: '/api/auth/password/reset',
      payload: { token: link.searchParams.get('token'), password: 'neues-passwort-1' },
    });
    expect(set.statusCode, set.body).toBe(200);
    const login = await client(ws)({
      method: 'POST',
      url: '/api/auth/customer/login',
      payload: { email: customer.email, password: 'neues-passwort-1' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('sign-up from a German portal: German confirmation, kept as the customer’s language', async () => {
    const ws = await buildWorkspace(ctx.db);
    await brand(ws, { accent: '#0b7a55', logo: 'https://cdn.example/a.png' });
    const email = `neu-${unique()}@example.test`;
    const res = await client(ws)({
      method: 'POST',
      url: '/api/auth/customer/register',
      payload: { email, password: 'richtig-pferd-1', name: 'Nora Neu', language: 'de' },
    });
    expect(res.statusCode).toBe(202);
    const mail = await onlyMailTo(ws, email);
    expect(mail.subject).toBe(`Bestätigen Sie Ihre E-Mail-Adresse für ${ws.name}`);
    expect(mail.text_body).toMatch(/^Hallo Nora Neu,\n\nwillkommen beim Support/);
    expect(mail.html_body).toContain('Adresse bestätigen</a>');
    expectBranded(mail.html_body, '#0b7a55', 'https://cdn.example/a.png');

    const link = linkIn(mail.text_body);
    const confirmed = await client(ws)({ method: 'POST', url: `${link.pathname}${link.search}` });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const stored = await inWorkspace(ctx.db, ws.id, (tx) =>
      tx
        .selectFrom('customers')
        .select(['language', 'email_verified_at'])
        .where('email', '=', email)
        .executeTakeFirstOrThrow(),
    );
    expect(stored.language).toBe('de');
    expect(stored.email_verified_at).not.toBeNull();

    // Signing up again with the address: the "you already have an account" mail, in German too.
    await client(ws)({
      method: 'POST',
      url: '/api/auth/customer/register',
      payload: { email, password: 'anderes-pferd-1', name: 'Nora Neu' },
    });
    const again = (await mailsTo(ws, email))[1]!;
    expect(again.subject).toBe(`Ihr Konto bei ${ws.name}`);
    expect(again.text_body).toContain('Sie haben bereits ein Konto');
  });

  it('without a language sent or chosen, the workspace’s default language decides', async () => {
    const ws = await buildWorkspace(ctx.db);
    await brand(ws, { accent: '#0b7a55', logo: '', language: 'de' });
    const email = `neu-${unique()}@example.test`;
    await client(ws)({
      method: 'POST',
      url: '/api/auth/customer/register',
      payload: { email, password: 'richtig-pferd-1', name: 'Nora Neu' },
    });
    const mail = await onlyMailTo(ws, email);
    expect(mail.subject).toMatch(/^Bestätigen Sie/);
    // No logo set: no image, the accent colour still.
    expect(mail.html_body).not.toContain('<img');
    expect(mail.html_body).toContain('border-top:4px solid #0b7a55');
  });
});

describe('account mails of an English customer', () => {
  it('are English for all three, with the customer’s stored language over the page’s', async () => {
    const ws = await buildWorkspace(ctx.db);
    await brand(ws, { accent: '#aa3300', logo: 'https://cdn.example/b.png', language: 'de' });
    const customer = await customerIn(ws, 'en');
    // The page is German, the customer chose English: English.
    const res = await client(ws)({
      method: 'POST',
      url: '/api/auth/customer/magic-link',
      payload: { email: customer.email, language: 'de' },
    });
    expect(res.statusCode).toBe(202);
    await askReset(ws, customer.email);
    const [login, reset] = await mailsTo(ws, customer.email);
    expect(login?.subject).toBe(`Your login link for ${ws.name}`);
    expect(login?.text_body).toMatch(/^Hello Dana Doe,\n\nuse this link to log in/);
    expect(login?.text_body).toContain('expires in 15 minutes');
    expect(reset?.subject).toBe(`Reset your password for ${ws.name}`);
    expect(reset?.text_body).toContain('expires in 60 minutes');
    expectBranded(reset!.html_body, '#aa3300', 'https://cdn.example/b.png');

    const email = `new-${unique()}@example.test`;
    await client(ws)({
      method: 'POST',
      url: '/api/auth/customer/register',
      payload: { email, password: 'correct-horse-1', name: 'Ed', language: 'en' },
    });
    const signup = await onlyMailTo(ws, email);
    expect(signup.subject).toBe(`Confirm your email for ${ws.name}`);
    expect(signup.text_body).toContain('welcome to');
  });

  it('use the page’s language when the customer has chosen none', async () => {
    const ws = await buildWorkspace(ctx.db);
    const customer = await customerIn(ws, '');
    await client(ws)({
      method: 'POST',
      url: '/api/auth/customer/password/forgot',
      payload: { email: customer.email, language: 'de' },
    });
    expect((await onlyMailTo(ws, customer.email)).subject).toBe(`Neues Passwort für ${ws.name}`);
  });
});

describe('account mails and workspaces', () => {
  it('a customer of workspace B gets B’s branding and wording, never A’s', async () => {
    const a = await buildWorkspace(ctx.db);
    const b = await buildWorkspace(ctx.db);
    await brand(a, { accent: '#111111', logo: 'https://a.example/logo.png' });
    await brand(b, { accent: '#222222', logo: 'https://b.example/logo.png' });
    const email = `both-${unique()}@example.test`;
    const inA = await buildCustomer(ctx.db, a, { email });
    const inB = await buildCustomer(ctx.db, b, { email });
    expect(inA.id).not.toBe(inB.id);
    await askLoginLink(b, email);
    const mail = await onlyMailTo(b, email);
    expect(mail.subject).toContain(b.name);
    expect(mail.text_body).not.toContain(a.name);
    expectBranded(mail.html_body, '#222222', 'https://b.example/logo.png');
    expect(mail.html_body).not.toContain('#111111');
    expect(mail.html_body).not.toContain('a.example');
    expect(await mailsTo(a, email)).toEqual([]);
  });

  it('a workspace’s own wording is used for its account mails only; the preview renders it', async () => {
    const { ws, call, agentToken } = await adminContext(
      ctx.app,
      ctx.db,
      '/api/support/admin/mail-templates/',
    );
    await brand(ws, { accent: '#5500aa', logo: 'https://c.example/logo.png' });
    const other = await buildWorkspace(ctx.db);
    const own = {
      text_body: 'Moin {{customer.name}}! Hier entlang: {{link.url}} ({{link.expires_in}})',
      html_body:
        '<p style="color:{{workspace.accent_color}}">{{workspace.logo}}<a href="{{link.url}}">Los</a></p>',
    };
    const saved = await call('PUT', '/api/support/admin/mail-templates/login_link/de/', own);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ kind: 'login_link', language: 'de', is_default: false });

    const preview = await call('POST', '/api/support/admin/mail-templates/login_link/de/preview/', {});
    expect(preview.statusCode, preview.body).toBe(200);
    const shown = preview.json<{ subject: string; text_body: string; html_body: string }>();
    expect(shown.subject).toBe(`Ihr Anmeldelink für ${ws.name}`);
    expect(shown.text_body).toMatch(
      /^Moin Erika Mustermann! Hier entlang: https?:\/\/\S+\/api\/auth\/customer\/magic-link\/consume\?token=sample-token&workspace=\S+ \(15 Minuten\)$/,
    );
    expect(shown.html_body).toContain('<img src="https://c.example/logo.png"');
    expect(shown.html_body).toContain('color:#5500aa');
    // The defaults of the other kinds preview too, in both languages.
    for (const kind of [
      'signup_confirmation',
      'password_reset',
      'staff_invitation',
      'staff_password_reset',
    ]) {
      for (const language of ['en', 'de']) {
        const res = await call('POST', `/api/support/admin/mail-templates/${kind}/${language}/preview/`, {});
        expect(res.statusCode, `${kind}/${language}`).toBe(200);
        const body = res.json<{ subject: string; html_body: string; text_body: string }>();
        expect(body.subject).toContain(ws.name);
        expect(body.html_body).toContain('background-color:#5500aa');
        expect(body.text_body).toContain('token=sample-token');
        expect(body.text_body).not.toContain('{{');
      }
    }
    const listed = await call('GET', '/api/support/admin/mail-templates/');
    const kinds = new Set(listed.json<{ results: { kind: string }[] }>().results.map((r) => r.kind));
    expect(kinds).toEqual(
      new Set([
        'acknowledgement',
        'reply',
        'resolved',
        'login_link',
        'signup_confirmation',
        'signup_existing_account',
        'password_reset',
        'staff_invitation',
        'staff_password_reset',
      ]),
    );
    // Agents may not edit them.
    const byAgent = await ctx.app.inject(
      asBearer(agentToken, {
        method: 'PUT',
        url: '/api/support/admin/mail-templates/login_link/de/',
        payload: own,
      }),
    );
    expect(byAgent.statusCode).toBe(403);

    const customer = await customerIn(ws, 'de');
    await askLoginLink(ws, customer.email);
    const mail = await onlyMailTo(ws, customer.email);
    expect(mail.text_body).toMatch(/^Moin Dana Doe! Hier entlang: https?:\/\/\S+ \(15 Minuten\)$/);
    expect(mail.html_body).toContain('<img src="https://c.example/logo.png"');
    const link = linkIn(mail.text_body);
    const login = await client(ws)({ method: 'POST', url: `${link.pathname}${link.search}` });
    expect(login.statusCode).toBe(200);

    const elsewhere = await customerIn(other, 'de');
    await askLoginLink(other, elsewhere.email);
    expect((await onlyMailTo(other, elsewhere.email)).text_body).toMatch(/^Hallo Dana Doe,/);
  });

  it('staff invitations and resets come in the workspace’s language, branded', async () => {
    const { ws, call } = await adminContext(ctx.app, ctx.db, '/api/support/admin/staff/');
    await brand(ws, { accent: '#0b7a55', logo: 'https://cdn.example/s.png', language: 'de' });
    const email = `agent-${unique()}@example.test`;
    const invited = await call('POST', '/api/support/admin/staff/', {
      email,
      name: 'Ali Agent',
      role: 'agent',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const mail = await onlyMailTo(ws, email);
    expect(mail.subject).toBe(`Einladung zum Support von ${ws.name}`);
    expect(mail.text_body).toMatch(/^Hallo Ali Agent,\n\n.+ hat Sie eingeladen/);
    expect(mail.text_body).toContain('läuft in 7 Tagen ab');
    expectBranded(mail.html_body, '#0b7a55', 'https://cdn.example/s.png');
    const link = linkIn(mail.text_body);
    expect(link.pathname).toBe('/account/password');
    const set = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password/reset',
      headers: { 'x-workspace': ws.slug },
      payload: { token: link.searchParams.get('token'), password: 'agent-secret-1' },
    });
    expect(set.statusCode, set.body).toBe(200);

    // A reset asked for from an English page is English.
    const forgot = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password/forgot',
      remoteAddress: '10.9.9.9',
      headers: { 'x-workspace': ws.slug },
      payload: { email, language: 'en' },
    });
    expect(forgot.statusCode).toBe(202);
    const reset = (await mailsTo(ws, email))[1]!;
    expect(reset.subject).toBe(`Reset your password for ${ws.name} support`);
    expectBranded(reset.html_body, '#0b7a55', 'https://cdn.example/s.png');
  });
});
