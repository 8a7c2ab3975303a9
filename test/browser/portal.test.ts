/**
 * The customer portal in Chromium: a visitor signs up (the confirmation link from the outbox logs them
 * in), files a ticket with an attachment while articles are suggested, reads the agent's reply (sent
 * through the API), answers, and rates the resolved ticket 4 with a comment; a login link by email; a
 * customer gets no data from /admin or an agent's ticket URL; axe on every page, 375 px, German.
 * Needs `npm run build` first (see harness.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  apiSession,
  axeViolations,
  englishOnlyTexts,
  visibleTexts,
  type ApiSession,
} from './desk-support.js';
import {
  launchChromium,
  screenshotOnFailure,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from './harness.js';
import { linkIn, waitForMail } from './outbox.js';

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
let agent: ApiSession;
const pageErrors: string[] = [];
const EMAIL = `visitor-${Date.now()}@example.test`;
const PASSWORD = 'visitor-password';
const shots = path.join(tmpdir(), `bfg2-portal-shots-${Date.now()}`);
let ticketNumber = '';

/** axe's serious and critical violations of the page as it is now, with the page named. */
async function seriousViolations(name: string) {
  const found = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return found.map((v) => `${name}: ${v.id} ${v.nodes.join(', ')}`);
}

/** At 375 px nothing is wider than the screen (no sideways scrolling). */
async function fitsPhone(): Promise<boolean> {
  await page.setViewportSize({ width: 375, height: 740 });
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  await page.setViewportSize({ width: 1280, height: 800 });
  return width <= 375;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) pageErrors.push(msg.text());
  });
  agent = await apiSession(server.url, 'agent1@demo.test');
});

beforeEach((context) => screenshotOnFailure(context.onTestFailed, () => page, `portal-${context.task.name}`));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the customer portal', () => {
  const violations: string[] = [];

  it('signs a visitor up; the emailed confirmation link logs them in', async () => {
    await page.goto(`${server.url}/portal/signup?workspace=demo`);
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    violations.push(...(await seriousViolations('signup')));
    expect(await fitsPhone()).toBe(true);
    await page.getByLabel('Name').fill('Vera Visitor');
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByText('Check your email').waitFor();

    // The password does not work before the address is confirmed.
    await page.goto(`${server.url}/portal/login?workspace=demo`);
    violations.push(...(await seriousViolations('login')));
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Confirm your email address first').waitFor();

    const mail = await waitForMail(server.dataDir, EMAIL, /confirm/i);
    await page.goto(linkIn(mail));
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/portal\/?$/);
    await page.getByRole('heading', { name: 'My tickets' }).waitFor();
    violations.push(...(await seriousViolations('my tickets')));
    expect(await fitsPhone()).toBe(true);
  });

  it('files a ticket with an attachment while articles are suggested', async () => {
    await page.getByRole('link', { name: 'New ticket' }).first().click();
    await page.getByLabel('Subject').pressSequentially('How do I send back an item', { delay: 10 });
    const suggestions = page.getByRole('region', { name: 'These articles may answer your question' });
    await suggestions.getByRole('link', { name: 'How do I return an item?' }).waitFor();
    await page.getByLabel('How can we help?').fill('The jacket is too small; I want to send it back.');
    const receipt = path.join(shots, 'receipt.txt');
    writeFileSync(receipt, 'Order 4711, jacket, size S\n');
    await page.getByLabel('Attach files').setInputFiles(receipt);
    await page.getByText('receipt.txt').waitFor();
    violations.push(...(await seriousViolations('new ticket')));
    expect(await fitsPhone()).toBe(true);
    await page.getByRole('button', { name: 'Send request' }).click();
    ticketNumber = (await page.getByTestId('ticket-number').textContent()) ?? '';
    expect(ticketNumber).toMatch(/^DEMO-\d+$/);
    await page.getByRole('link', { name: 'View ticket' }).click();
    await page.getByRole('heading', { name: 'How do I send back an item' }).waitFor();
    const download = page.getByRole('link', { name: /Download receipt\.txt/ });
    await download.waitFor();
    // The link downloads the file itself, with the customer's session (not just a link that shows).
    const file = await page.request.get(
      new URL((await download.getAttribute('href')) ?? '', server.url).href,
    );
    expect(file.status()).toBe(200);
    expect(await file.text()).toBe('Order 4711, jacket, size S\n');
  });

  it('shows the agent’s reply; the customer answers; after resolving, rates it 4 with a comment', async () => {
    const reply = await agent.call('POST', `/api/support/tickets/${ticketNumber}/reply/`, {
      message: 'Use the return label in your account, we refund within 3 days.',
    });
    expect(reply.status).toBe(201);
    const note = await agent.call('POST', `/api/support/tickets/${ticketNumber}/reply/`, {
      message: 'internal: customer returned twice this month',
      is_internal: true,
    });
    expect(note.status).toBe(201);
    await page.reload();
    await page.getByText('Use the return label in your account').waitFor();
    expect(await page.getByText('returned twice this month').count()).toBe(0);
    violations.push(...(await seriousViolations('ticket')));
    expect(await fitsPhone()).toBe(true);

    await page.getByLabel('Your reply').fill('Thanks, label printed!');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply sent.').waitFor();
    await page.getByText('Thanks, label printed!').waitFor();

    const resolved = await agent.call('PUT', `/api/support/tickets/${ticketNumber}/status/`, {
      status: 'resolved',
    });
    expect(resolved.status).toBe(200);
    await page.reload();
    await page.getByRole('heading', { name: 'How did we do?' }).waitFor();
    violations.push(...(await seriousViolations('rating')));
    await page.getByLabel('4 stars').check();
    await page.getByLabel('Comment (optional)').fill('Quick and friendly');
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Thank you for your rating: 4 of 5.').waitFor();
    await page.screenshot({ path: path.join(shots, 'portal-ticket.png'), fullPage: true });
    console.log(`screenshots: ${shots}`);

    const seen = await agent.call<{
      satisfaction_rating: number;
      satisfaction_comment: string;
      messages: { message: string }[];
    }>('GET', `/api/support/tickets/${ticketNumber}/`);
    expect(seen.body).toMatchObject({ satisfaction_rating: 4, satisfaction_comment: 'Quick and friendly' });
    expect(seen.body.messages.map((m) => m.message)).toContain('Thanks, label printed!');
  });

  it('lists the ticket under Closed after resolving, and finds it by search', async () => {
    await page.goto(`${server.url}/portal`);
    await page.getByRole('tab', { name: 'Closed' }).click();
    await page.getByRole('link', { name: new RegExp(ticketNumber) }).waitFor();
    await page.getByRole('tab', { name: 'Open' }).click();
    await page.getByLabel('Search my tickets').fill('jacket');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No tickets match.').waitFor();
    violations.push(...(await seriousViolations('ticket list')));
  });

  it('gives a customer no data from /admin or an agent’s ticket URL', async () => {
    const adminCalls: number[] = [];
    page.on('response', (res) => {
      if (/\/api\/support\/admin\//.test(res.url())) adminCalls.push(res.status());
    });
    await page.goto(`${server.url}/admin/staff`);
    await page.waitForURL(/\/portal\/?$/);
    await page.goto(`${server.url}/desk/tickets/DEMO-41`);
    await page.waitForURL(/\/portal\/?$/);
    await page.goto(`${server.url}/portal/tickets/DEMO-41`);
    await page.getByText('This ticket does not exist or is not yours.').waitFor();
    expect(adminCalls.every((status) => status === 403 || status === 401)).toBe(true);
    // The legacy customer URLs of mails already sent land in the portal.
    await page.goto(`${server.url}/app/tickets/${ticketNumber}`);
    await page.waitForURL(new RegExp(`/portal/tickets/${ticketNumber}$`));
  });

  it('brands the portal and the mails with the workspace’s logo and accent colour', async () => {
    const admin = await apiSession(server.url, 'admin@demo.test');
    const branded = await admin.call('PATCH', '/api/support/admin/workspace/', {
      accent_color: '#7a1f5c',
      logo_url: '/favicon.svg',
    });
    expect(branded.status).toBe(200);
    await page.goto(`${server.url}/portal`);
    await page.locator('img.portal-logo[src="/favicon.svg"]').waitFor();
    const accent = await page.evaluate<string>(
      "getComputedStyle(document.querySelector('.portal')).getPropertyValue('--accent')",
    );
    expect(accent.trim()).toBe('#7a1f5c');
    violations.push(...(await seriousViolations('branded ticket list')));
  });

  it('closes an open ticket, and offers no rating before it is resolved', { timeout: 150_000 }, async () => {
    await page.getByRole('link', { name: 'New ticket' }).first().click();
    await page.getByLabel('Subject').fill('Parcel tracking stuck');
    await page.getByLabel('How can we help?').fill('The tracking has not moved for a week.');
    await page.getByRole('button', { name: 'Send request' }).click();
    const number = (await page.getByTestId('ticket-number').textContent()) ?? '';
    await page.getByRole('link', { name: 'View ticket' }).click();
    await page.getByRole('heading', { name: 'Parcel tracking stuck' }).waitFor();
    expect(await page.getByRole('heading', { name: 'How did we do?' }).count()).toBe(0);
    const early = await agent.call('GET', `/api/support/tickets/${number}/`);
    expect(early.status).toBe(200);
    // The acknowledgement carries the branding set above.
    // Queued after commit and sent by a job: slow on a loaded machine.
    const ack = await waitForMail(server.dataDir, EMAIL, new RegExp(number), 90_000);
    expect(ack.html).toContain('#7a1f5c');
    expect(ack.html).toContain('/favicon.svg');
    await page.getByRole('button', { name: 'Close this ticket' }).click();
    await page.getByText('This ticket is closed.').waitFor();
    expect(await page.getByRole('button', { name: 'Close this ticket' }).count()).toBe(0);
    const closed = await agent.call<{ status: string }>('GET', `/api/support/tickets/${number}/`);
    expect(closed.body.status).toBe('closed');
  });

  it('edits the profile: name and language saved, password changed with the current one', async () => {
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Your profile' }).waitFor();
    await page.getByText(EMAIL).waitFor();
    violations.push(...(await seriousViolations('profile')));
    expect(await fitsPhone()).toBe(true);
    const details = page.getByRole('form', { name: 'Your details' });
    await details.getByLabel('Display name').fill('Vera Visitor');
    await details.getByLabel('Language').selectOption('de');
    await details.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Ihr Profil' }).waitFor();
    await page.getByText('Ihre Änderungen sind gespeichert.').waitFor();
    // Kept on the server: a reload (a fresh page, nothing remembered) shows the German profile again.
    await page.evaluate('localStorage.clear()');
    await page.reload();
    await page.getByRole('heading', { name: 'Ihr Profil' }).waitFor();
    expect(await page.getByLabel('Anzeigename').inputValue()).toBe('Vera Visitor');

    await page.getByLabel('Aktuelles Passwort').fill('not my password');
    await page.getByLabel('Neues Passwort').fill('visitor-password-2');
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Aktuelles Passwort').fill(PASSWORD);
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await page.getByText('Ihr Passwort ist geändert.').waitFor();
    violations.push(...(await seriousViolations('profile (de)')));
    await page.getByRole('link', { name: 'Meine Tickets' }).click();
    await page.getByRole('heading', { name: 'Meine Tickets' }).waitFor();
    violations.push(...(await seriousViolations('my tickets (de)')));
    // The header's choice is saved to the profile too.
    await page.getByLabel('Sprache').selectOption('en');
    await page.getByRole('heading', { name: 'My tickets' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/portal\/login/);
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill('visitor-password-2');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'My tickets' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/portal\/login/);
  });

  it('logs in with a login link from the outbox', async () => {
    await page.getByRole('tab', { name: 'Email me a link' }).click();
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByRole('button', { name: 'Send me a login link' }).click();
    await page.getByText('a login link is on its way').waitFor();
    const mail = await waitForMail(server.dataDir, EMAIL, /login link/i);
    await page.goto(linkIn(mail));
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/portal\/?$/);
    await page.getByRole('heading', { name: 'My tickets' }).waitFor();
  });

  it('resets a forgotten password with the emailed link', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    violations.push(...(await seriousViolations('forgot password')));
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('a link to reset the password is on its way').waitFor();
    const mail = await waitForMail(server.dataDir, EMAIL, /reset/i);
    await page.goto(linkIn(mail));
    violations.push(...(await seriousViolations('set password')));
    await page.getByLabel('New password').fill('a brand new one');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByText('Your password is saved').waitFor();
    await page.getByRole('link', { name: 'Go to login' }).click();
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill('a brand new one');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/portal\/?$/);
  });

  it('passes axe in both themes, fits 375 px and speaks only German on every portal page', async () => {
    const customerPages = [
      '/portal',
      '/portal/tickets/new',
      `/portal/tickets/${ticketNumber}`,
      '/portal/profile',
    ];
    const visitorPages = [
      '/portal/login',
      '/portal/signup',
      '/portal/password/forgot',
      '/portal/tickets/new',
    ];
    const english = await englishOnlyTexts();
    const sweep = async (paths: string[]) => {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const target of paths) {
          await page.goto(`${server.url}${target}`);
          await page.locator('main h1').first().waitFor();
          await page.waitForLoadState('networkidle');
          violations.push(...(await seriousViolations(`${target} (${scheme})`)));
          expect(await fitsPhone(), `${target} at 375 px`).toBe(true);
        }
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await page.getByLabel('Language').first().selectOption('de');
      for (const target of paths) {
        await page.goto(`${server.url}${target}`);
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        const leftover = (await visibleTexts(page)).filter((text) => english.has(text));
        expect(leftover, target).toEqual([]);
      }
      await page.getByLabel('Sprache').first().selectOption('en');
    };
    await sweep(customerPages);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/portal\/login/);
    await sweep(visitorPages);
  }, 240_000);

  it('had no serious or critical axe violations, script errors or CSP violations', () => {
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
