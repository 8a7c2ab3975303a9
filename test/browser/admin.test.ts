/**
 * The admin console in Chromium (issue 15, point 3): an agent finds no admin menu and gets "admins
 * only" and 403s; an admin creates an SLA and a category with it as the default SLA, re-orders the
 * category tree by keyboard, edits a holiday and sees the due-date preview move before saving, brands
 * the workspace and sees the help centre take the colour. axe-core (no serious or critical violations)
 * on every admin page, light and dark; the German catalogue leaves no English; 375 px without sideways
 * scrolling. Screenshots: admin-sla-editor.png (the SLA editor with its preview) and one per page.
 * Needs `npm run build` first (see harness.ts).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  apiSession,
  axeViolations,
  englishOnlyTexts,
  staffLogin,
  visibleTexts,
  type ApiSession,
} from './desk-support.js';
import {
  launchChromium,
  screenshotOnFailure,
  SHOTS_DIR,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from './harness.js';

const ADMIN = 'admin@demo.test';
const AGENT = 'agent1@demo.test';
const PAGES = [
  'workspace',
  'categories',
  'priorities',
  'slas',
  'teams',
  'tags',
  'templates',
  'webhooks',
  'kb',
] as const;

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
let adminApi: ApiSession;
let slaId = 0;
const pageErrors: string[] = [];
const POLL = { timeout: 15_000 };

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  adminApi = await apiSession(server.url, ADMIN);
});

beforeEach((context) => screenshotOnFailure(context.onTestFailed, () => page, `admin-${context.task.name}`));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS_DIR, name), fullPage: true });

async function open(section: string): Promise<void> {
  await page.goto(`${server.url}/admin/${section}`);
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
}

async function logout(): Promise<void> {
  await page.getByRole('button', { name: /^(Logout|Abmelden)$/ }).click();
  await page.waitForURL('**/app/login');
}

interface CategoryJson {
  id: number;
  slug: string;
  order: number;
  parent: { id: number } | null;
  sla: { id: number; name: string } | null;
}

describe('the admin console', () => {
  it('shows an agent no admin menu, only “admins only”, and the API answers 403', async () => {
    await page.goto(`${server.url}/admin/slas`);
    await page.waitForURL('**/app/login?next=%2Fadmin%2Fslas');
    await staffLogin(page, AGENT);
    await page.waitForURL(/\/admin\/slas$/);
    await expect.poll(() => page.getByRole('heading', { name: 'Admins only' }).count(), POLL).toBe(1);
    const nav = page.getByRole('navigation', { name: 'Admin' });
    expect(await nav.getByRole('link', { name: 'SLAs' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Knowledge base' }).count()).toBe(1);
    await page.goto(`${server.url}/desk`);
    await page.locator('main h1').first().waitFor();
    expect(
      await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Admin' }).count(),
    ).toBe(0);
    const agentApi = await apiSession(server.url, AGENT);
    for (const url of ['/api/support/admin/slas/', '/api/support/admin/webhooks/']) {
      expect((await agentApi.call('GET', url)).status, url).toBe(403);
    }
    expect((await agentApi.call('PATCH', '/api/support/admin/workspace/', { name: 'x' })).status).toBe(403);
    await logout();
  });

  it('creates an SLA and a category with it as the default SLA, and re-orders by keyboard', async () => {
    await page.goto(`${server.url}/admin`);
    await staffLogin(page, ADMIN);
    await page.waitForURL(/\/admin\/workspace$/);
    await page.getByRole('navigation', { name: 'Desk' }).count(); // the desk menu is checked below
    await open('slas');
    await page.getByRole('textbox', { name: 'Name' }).fill('Gold support');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/admin\/slas\/\d+$/);
    slaId = Number(page.url().split('/').pop());

    await open('categories');
    const form = page.getByRole('form', { name: 'New category' });
    await form.getByLabel('Name').fill('Warranty claims');
    await form.getByLabel('SLA').selectOption({ label: 'Gold support' });
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByTestId('category-warranty-claims').waitFor();
    const categories = async () =>
      (await adminApi.call<{ results: CategoryJson[] }>('GET', '/api/support/admin/categories/?limit=100'))
        .body.results;
    const created = (await categories()).find((c) => c.slug === 'warranty-claims');
    expect(created?.sla).toMatchObject({ id: slaId, name: 'Gold support' });

    // The new category is last among the top level: one press of "up" moves it before its neighbour.
    const before = (await categories()).filter((c) => c.parent === null).sort((a, b) => a.order - b.order);
    const neighbour = before[before.length - 2];
    await page.getByRole('button', { name: 'Move Warranty claims up' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => {
        const after = (await categories()).filter((c) => c.parent === null).sort((a, b) => a.order - b.order);
        return (
          after.map((c) => c.slug).indexOf('warranty-claims') <
          after.map((c) => c.slug).indexOf(neighbour?.slug ?? '')
        );
      }, POLL)
      .toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('moves the due-date preview when a holiday is added, before saving, and saves it', async () => {
    await open(`slas/${slaId}`);
    await page.getByLabel('Ticket created at (your local time)').fill('2027-03-04T15:00');
    const due = page.getByTestId('preview-resolution');
    await expect.poll(() => due.getAttribute('data-due'), POLL).toMatch(/^2027-03-/);
    const first = (await due.getAttribute('data-due')) ?? '';
    await page.getByRole('button', { name: 'Add holiday' }).click();
    const row = page.getByTestId('holiday-row').last();
    await row.getByLabel('Date').fill('2027-03-05');
    await row.getByLabel('Name').fill('Company day');
    await expect
      .poll(async () => Date.parse((await due.getAttribute('data-due')) ?? '') > Date.parse(first), POLL)
      .toBe(true);
    await shot('admin-sla-editor.png');
    // Nothing is saved until Save.
    const stored = await adminApi.call<{ holidays: { date: string }[] }>(
      'GET',
      `/api/support/admin/slas/${slaId}/`,
    );
    expect(stored.body.holidays).toEqual([]);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    const saved = await adminApi.call<{ holidays: { date: string; name: string }[] }>(
      'GET',
      `/api/support/admin/slas/${slaId}/`,
    );
    expect(saved.body.holidays).toMatchObject([{ date: '2027-03-05', name: 'Company day' }]);

    await page.getByRole('button', { name: 'Simulate' }).click();
    await page.getByRole('row', { name: /All tickets/ }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
  });

  it('brands the workspace; the help centre takes the accent colour', async () => {
    await open('workspace');
    await page.locator('#accent').fill('#7a1f5c');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    const help = await fetch(`${server.url}/kb/demo/en/`);
    expect(await help.text()).toContain('--accent:#7a1f5c');
    await page.locator('#accent').fill('#ffff00');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toMatch(/too light/);
  });

  it('adds a just-invited agent to a team, picked from the staff list', async () => {
    const invited = await adminApi.call<{ id: number }>('POST', '/api/support/admin/staff/', {
      email: `nina-${Date.now()}@demo.test`,
      name: 'Nina Newcomer',
      role: 'agent',
    });
    expect(invited.status).toBe(201);
    await open('teams');
    const team = page.locator('.admin-section').first();
    await team.getByLabel('Add member').selectOption({ label: 'Nina Newcomer' });
    await team.getByRole('button', { name: 'Add', exact: true }).click();
    await team.getByRole('cell', { name: 'Nina Newcomer' }).waitFor();
    await team
      .getByRole('row', { name: /Nina Newcomer/ })
      .getByRole('button', { name: 'Remove' })
      .click();
    await expect.poll(() => team.getByRole('cell', { name: 'Nina Newcomer' }).count(), POLL).toBe(0);
  });

  it('has no serious or critical axe violations on any admin page, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const section of [...PAGES, `slas/${slaId}`]) {
        await open(section);
        if (scheme === 'light' && !section.includes('/')) await shot(`admin-${section}.png`);
        const serious = (await axeViolations(page)).filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        );
        expect(serious, `${section} (${scheme})`).toEqual([]);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }, 240_000);

  it('shows no English text in the German UI', async () => {
    const english = await englishOnlyTexts();
    await open('workspace');
    await page.locator('header select').first().selectOption('de');
    for (const section of [...PAGES, `slas/${slaId}`]) {
      await open(section);
      const leftover = (await visibleTexts(page)).filter((text) => english.has(text));
      expect(leftover, section).toEqual([]);
      expect(await page.evaluate('document.documentElement.lang')).toBe('de');
    }
    await page.getByRole('navigation', { name: 'Verwaltung' }).waitFor();
    await page.locator('header select').first().selectOption('en');
  }, 180_000);

  it('is usable 375 px wide: no sideways page scroll', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    for (const section of [...PAGES, `slas/${slaId}`]) {
      await open(section);
      const wide = await page.evaluate(`[...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > 376)
        .slice(0, 3).map((el) => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right))`);
      expect(
        await page.evaluate('document.documentElement.scrollWidth'),
        `${section}: ${String(wide)}`,
      ).toBeLessThanOrEqual(375);
    }
    await shot('admin-sla-editor-375px.png');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
