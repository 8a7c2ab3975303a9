/**
 * Staff accounts in Chromium: an admin invites an agent at /admin/staff, the agent sets a password with
 * the emailed link and logs in; the admin deactivates them and their open session ends; an agent sees no
 * staff data; personal API tokens at /desk/settings/tokens. axe on every page, 375 px, German.
 * Needs `npm run build` first (see harness.ts).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, staffLogin } from './desk-support.js';
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
let other: Browser | undefined;
const pageErrors: string[] = [];
const violations: string[] = [];
const NEW_AGENT = `new-agent-${Date.now()}@example.test`;
const NEW_PASSWORD = 'my own agent password';

/**
 * axe, and 375 px: the page (or, for a screen inside the desk's frame, its own `area`, since the frame
 * belongs to the desk) is no wider than the phone.
 */
async function check(name: string, target = page, area?: string) {
  const found = (await axeViolations(target)).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  violations.push(...found.map((v) => `${name}: ${v.id} ${v.nodes.join(', ')}`));
  await target.setViewportSize({ width: 375, height: 740 });
  const width = await target.evaluate<number>(
    area
      ? `(() => { const el = document.querySelector(${JSON.stringify(area)}); return el.scrollWidth > el.clientWidth ? el.scrollWidth : Math.min(el.scrollWidth, 375); })()`
      : 'document.documentElement.scrollWidth',
  );
  await target.setViewportSize({ width: 1280, height: 800 });
  if (width > 375) violations.push(`${name}: ${width} px wide at 375 px`);
}

async function logInAs(target: Page, email: string, password: string) {
  await target.goto(`${server.url}/app/login`);
  await target.getByRole('tab', { name: 'Staff' }).click();
  await target.getByLabel('Email', { exact: true }).fill(email);
  await target.getByLabel('Password', { exact: true }).fill(password);
  await target.getByRole('button', { name: 'Log in' }).click();
  await target.waitForURL(/\/desk/);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('dialog', (dialog) => void dialog.accept());
});

beforeEach((context) => screenshotOnFailure(context.onTestFailed, () => page, `staff-${context.task.name}`));

afterAll(async () => {
  await other?.close();
  await browser?.close();
  await server?.stop();
});

describe('staff accounts', () => {
  it('an admin invites an agent, who sets a password with the emailed link and logs in', async () => {
    await page.goto(`${server.url}/admin/staff`);
    await staffLogin(page, 'admin@demo.test');
    await page.waitForURL(/\/(desk|admin)/);
    await page.goto(`${server.url}/admin/staff`);
    await page.getByRole('heading', { name: 'Staff', exact: true }).waitFor();
    await page.getByRole('cell', { name: /agent1@demo\.test/ }).waitFor();
    await check('staff');
    await page.getByLabel('Email', { exact: true }).fill(NEW_AGENT);
    await page.getByLabel('Name', { exact: true }).fill('Nils New');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`Invitation sent to ${NEW_AGENT}.`).waitFor();
    const row = page.getByRole('row', { name: new RegExp(NEW_AGENT) });
    await row.getByText('Invited').waitFor();

    const mail = await waitForMail(server.dataDir, NEW_AGENT, /invited/i);
    // The invitee's own browser: a separate context, other cookies.
    const agentPage = await newIsolatedPage();
    await agentPage.goto(linkIn(mail));
    await agentPage.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await check('set password', agentPage);
    await agentPage.getByLabel('New password').fill(NEW_PASSWORD);
    await agentPage.getByRole('button', { name: 'Save password' }).click();
    await agentPage.getByText('Your password is saved').waitFor();
    await logInAs(agentPage, NEW_AGENT, NEW_PASSWORD);
    expect(await agentPage.getByRole('banner').getByTestId('role').textContent()).toBe('agent');

    await page.reload();
    await row.getByText('Active').waitFor();
    // The admin deactivates the new agent: their open session ends at once.
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await row.getByText('Deactivated').waitFor();
    await agentPage.reload();
    await agentPage.waitForURL(/\/app\/login/);
    await agentPage.close();
  }, 180_000);

  it('an agent gets no staff data at /admin/staff', async () => {
    const agentPage = await newIsolatedPage();
    const staffCalls: number[] = [];
    agentPage.on('response', (res) => {
      if (res.url().includes('/api/support/admin/staff/')) staffCalls.push(res.status());
    });
    await logInAs(agentPage, 'agent1@demo.test', 'demo-password');
    await agentPage.goto(`${server.url}/admin/staff`);
    await agentPage.getByText('Only admins manage staff accounts.').waitFor();
    expect(staffCalls).toEqual([]);
    await agentPage.close();
  });

  it('a staff member creates and revokes a personal API token', async () => {
    await page.goto(`${server.url}/desk/settings/tokens`);
    await page.getByRole('heading', { name: 'Personal API tokens' }).waitFor();
    await page.getByLabel('Token name').fill('CI export');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('new-token').textContent()) ?? '';
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    await check('tokens', page, '.tokens-page');
    await page.getByRole('button', { name: 'Revoke CI export' }).click();
    await page.getByRole('cell', { name: 'Revoked' }).waitFor();
    const after = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
  });

  it('shows the staff screen in German', async () => {
    await page.goto(`${server.url}/admin/staff`);
    await page
      .getByRole('banner')
      .getByRole('combobox')
      .first()
      .waitFor()
      .catch(() => undefined);
    await page.evaluate(`localStorage.setItem('bfg2-support.language', 'de')`);
    await page.reload();
    await page.getByRole('heading', { name: 'Team', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Einladung senden' }).waitFor();
    await check('staff (de)');
    await page.evaluate(`localStorage.setItem('bfg2-support.language', 'en')`);
  });

  it('had no serious or critical axe violations and no script errors', () => {
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/** A page in a fresh context of a second browser: another person's cookies. */
async function newIsolatedPage(): Promise<Page> {
  other ??= await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const context = await other.newContext({ viewport: { width: 1280, height: 800 } });
  const created = await context.newPage();
  created.setDefaultTimeout(20_000);
  created.on('pageerror', (err) => pageErrors.push(err.message));
  return created;
}
