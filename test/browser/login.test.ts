/**
 * The demo logins work in a browser: staff and customer log in and out of the built SPA served by the
 * built server, and a wrong password shows the server's problem detail.
 * Needs `npm run build` and `npm run build:web` first (see harness.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  launchChromium,
  screenshotOnFailure,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from './harness.js';

const PASSWORD = 'demo-password';
const ADMIN = 'admin@demo.test';
const CUSTOMER = 'customer1@demo.test';

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
const pageErrors: string[] = [];

async function logIn(tab: 'Staff' | 'Customer', email: string, password: string): Promise<void> {
  await page.getByRole('tab', { name: tab }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

async function logOut(): Promise<void> {
  await page.getByRole('button', { name: 'Logout' }).click();
  await page.waitForURL(/\/app\/login(\?|$)/); // from the desk: ?next=/desk
  await page.getByRole('button', { name: 'Log in' }).waitFor();
}

/** The header's text, as in the DOM (not as CSS displays it). */
async function headerText(): Promise<string> {
  const banner = page.getByRole('banner');
  await banner.waitFor();
  return (await banner.textContent()) ?? '';
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    // A CSP violation is only ever reported on the console.
    if (/Content Security Policy/i.test(msg.text())) pageErrors.push(msg.text());
  });
});

beforeEach((context) => screenshotOnFailure(context.onTestFailed, () => page, `login-${context.task.name}`));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('demo logins in the browser', () => {
  it('logs in the demo admin to the desk and shows name, role and the inbox', async () => {
    await page.goto(`${server.url}/app/login`);
    await logIn('Staff', ADMIN, PASSWORD);
    await page.waitForURL(/\/desk\/?$/);

    const header = await headerText();
    expect(header).toMatch(/Ada Admin|admin@demo\.test/);
    expect(await page.getByRole('banner').getByTestId('role').textContent()).toBe('admin');

    await page.getByRole('table').or(page.getByText('No tickets match this view.')).first().waitFor();

    const shot = path.join(mkdtempSync(path.join(tmpdir(), 'bfg2-browser-shot-')), 'admin-home.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`screenshot of the admin home: ${shot}`);
  });

  it('logs out back to the login page', async () => {
    await logOut();
    expect(new URL(page.url()).pathname).toBe('/app/login');
  });

  it('logs in a demo customer on the Customer tab, in the demo workspace by default, into the portal', async () => {
    await page.getByRole('tab', { name: 'Customer' }).click();
    expect(await page.getByLabel('Workspace').inputValue()).toBe('demo');
    await logIn('Customer', CUSTOMER, PASSWORD);
    await page.waitForURL(/\/portal\/?$/);
    await page.getByRole('heading', { name: 'My tickets' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/portal\/login/);
    await page.goto(`${server.url}/app/login`);
  });

  it('shows the problem detail for a wrong password', async () => {
    // What the API itself says, so the test does not pin the wording.
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN, password: 'not-the-password' }),
    });
    expect(res.status).toBe(401);
    const problem = (await res.json()) as { detail: string };
    expect(problem.detail).toBeTruthy();

    await logIn('Staff', ADMIN, 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toContain(problem.detail);
    expect(new URL(page.url()).pathname).toBe('/app/login');
  });

  it('keeps the session across a reload of the desk', async () => {
    for (const spa of ['/app', '/portal', '/portal/tickets/DEMO-41', '/desk', '/desk/tickets/DEMO-41']) {
      const direct = await fetch(`${server.url}${spa}`);
      expect(direct.status, `the server must answer GET ${spa} with the SPA (src/app.ts)`).toBe(200);
    }

    await logIn('Staff', ADMIN, PASSWORD);
    await page.waitForURL(/\/desk\/?$/);
    await page.reload();
    expect(await page.getByRole('banner').getByTestId('role').textContent()).toBe('admin');
    await logOut();
  });

  it('raised no script errors and no CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
