/**
 * The desk live and together (issue 13, point 4) in Chromium: two agents on one ticket see each other
 * (avatars, "typing…"), the second gets the collision warning when the first replied meanwhile and
 * sends anyway; the bell shows a notification when a ticket is assigned to the agent through the API;
 * a saved view (and one an older desk kept in localStorage) survives a new browser context; the inbox
 * fits 1280 px and the header stays one line at 375 px. Screenshots of the collision warning and the
 * inbox at 1280 px go to SHOTS_DIR. Needs `npm run build` first (see harness.ts).
 */
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiSession, axeViolations, staffLogin, type ApiSession } from './desk-support.js';
import { screenshotOnFailure, SHOTS_DIR, startServer, type RunningServer } from './harness.js';

const BEN = { email: 'agent1@demo.test', name: 'Ben Becker' };
const CLARA = { email: 'agent2@demo.test', name: 'Clara Schmidt' };
const CUSTOMER = 'customer2@demo.test';
const POLL = { timeout: 20_000 };

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let ben: Page;
let clara: Page;
let benApi: ApiSession;
let adminApi: ApiSession;
let current: Page | undefined;
const pageErrors: string[] = [];

/** A fresh browser context (its own cookies and storage) with a staff member logged in at `url`. */
async function agentPage(who: { email: string }, url = '/desk'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(`${server.url}${url}`);
  await page.waitForURL('**/app/login?**');
  await staffLogin(page, who.email);
  await page.waitForURL((u) => u.pathname.startsWith('/desk'));
  return page;
}

async function newTicket(subject: string): Promise<string> {
  const created = await benApi.call<{ ticket_number: string }>('POST', '/api/support/tickets/', {
    subject,
    description: 'Where is my parcel?',
    customer: CUSTOMER,
    channel: 'phone',
  });
  expect(created.status).toBe(201);
  return created.body.ticket_number;
}

/**
 * Holds the page's event stream back until release(): what happens meanwhile reaches no open stream, as
 * when a page reads before its stream is connected. restore() releases it and stops holding.
 */
async function holdStream(page: Page): Promise<{ release(): void; restore(): Promise<void> }> {
  const url = '**/api/support/events/stream**';
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    await held;
    await route.continue();
  });
  return {
    release,
    restore: async () => {
      release();
      await page.unroute(url);
    },
  };
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS_DIR, name) });

beforeAll(async () => {
  server = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  benApi = await apiSession(server.url, BEN.email);
  adminApi = await apiSession(server.url, 'admin@demo.test');
  ben = await agentPage(BEN);
  clara = await agentPage(CLARA);
});

beforeEach((context) =>
  screenshotOnFailure(context.onTestFailed, () => current, `live-${context.task.name}`),
);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('the desk, live and together', () => {
  it('shows two agents on one ticket to each other, and who is typing', async () => {
    const ticket = await newTicket('Two agents, one customer');
    current = ben;
    await ben.goto(`${server.url}/desk/tickets/${ticket}`);
    await clara.goto(`${server.url}/desk/tickets/${ticket}`);
    await ben.getByRole('listitem', { name: `${CLARA.name} is viewing this ticket` }).waitFor(POLL);
    current = clara;
    await clara.getByRole('listitem', { name: `${BEN.name} is viewing this ticket` }).waitFor(POLL);

    await clara.locator('#composer-text').fill('Let me check the tracking');
    current = ben;
    await ben
      .getByRole('status')
      .filter({ hasText: `${CLARA.name} is typing…` })
      .waitFor(POLL);
  });

  it('shows an agent who came while the other page’s stream was still connecting', async () => {
    const ticket = await newTicket('Presence before the stream');
    current = ben;
    const stream = await holdStream(ben);
    try {
      await ben.goto(`${server.url}/desk/tickets/${ticket}`);
      await clara.goto(`${server.url}/desk/tickets/${ticket}`);
      // Clara's announcement is answered (Ben is there) while Ben's stream cannot hear it.
      current = clara;
      await clara.getByRole('listitem', { name: `${BEN.name} is viewing this ticket` }).waitFor(POLL);
      stream.release();
      current = ben;
      // Well before the page's own 20 s refresh: the stream's opening asks who is there.
      await ben
        .getByRole('listitem', { name: `${CLARA.name} is viewing this ticket` })
        .waitFor({ timeout: 8_000 });
    } finally {
      await stream.restore();
    }
  });

  it('shows a ticket created while the inbox’s stream was still connecting, without a reload', async () => {
    current = ben;
    const stream = await holdStream(ben);
    try {
      await ben.goto(`${server.url}/desk?view=all`);
      await ben.locator('section.inbox-main[aria-busy="false"]').waitFor();
      // Created after the inbox was read and before its stream is open: no live event can carry it.
      const subject = `Created in the gap ${Date.now()}`;
      await newTicket(subject);
      stream.release();
      // The stream opens from the position the inbox's read named and replays the ticket's creation.
      await ben.getByRole('link', { name: subject }).first().waitFor({ timeout: 8_000 });
    } finally {
      await stream.restore();
    }
  });

  it('warns the second agent before sending when the first replied meanwhile; send anyway works', async () => {
    const ticket = await newTicket('Collision: parcel lost');
    await ben.goto(`${server.url}/desk/tickets/${ticket}`);
    await clara.goto(`${server.url}/desk/tickets/${ticket}`);
    await clara.locator('main h1').waitFor();
    // Clara starts her answer on the version she sees…
    await clara.locator('#composer-text').fill('I have asked the carrier to trace the parcel.');
    // …while Ben replies first.
    await ben.locator('#composer-text').fill('Sorry for the wait: a new parcel leaves today.');
    await ben.getByRole('button', { name: 'Send', exact: true }).click();
    await ben.locator('.message-agent', { hasText: 'a new parcel leaves today' }).waitFor();

    current = clara;
    await clara.getByRole('button', { name: 'Send', exact: true }).click();
    const warning = clara.getByRole('alert').filter({ hasText: 'Someone else changed this ticket' });
    await warning.waitFor(POLL);
    expect(await warning.textContent()).toContain(`${BEN.name} replied`);
    expect(await warning.textContent()).toContain('a new parcel leaves today');
    // Her text is still there to review.
    expect(await clara.locator('#composer-text').inputValue()).toContain('trace the parcel');
    await shot(clara, 'collision-warning.png');
    for (const scheme of ['light', 'dark'] as const) {
      await clara.emulateMedia({ colorScheme: scheme });
      const serious = (await axeViolations(clara)).filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );
      expect(serious, `collision warning (${scheme})`).toEqual([]);
    }
    await clara.emulateMedia({ colorScheme: 'light' });

    await warning.getByRole('button', { name: 'Send anyway' }).click();
    await clara.locator('.message-agent', { hasText: 'trace the parcel' }).waitFor(POLL);
    const stored = await benApi.call<{ messages: { message: string; message_type: string }[] }>(
      'GET',
      `/api/support/tickets/${ticket}/`,
    );
    const replies = stored.body.messages.filter((m) => m.message_type === 'agent').map((m) => m.message);
    expect(replies).toEqual([
      'Sorry for the wait: a new parcel leaves today.',
      'I have asked the carrier to trace the parcel.',
    ]);
  });

  it('rings the bell when a ticket is assigned to the agent through the API, and marks it read', async () => {
    current = ben;
    await ben.goto(`${server.url}/desk?view=all`);
    await ben.locator('main h1').waitFor();
    const before = await ben.getByTestId('bell').getAttribute('aria-label');
    const ticket = await newTicket('Assigned by the admin');
    const me = await benApi.call<{ user: { id: number } }>('GET', '/api/auth/me');
    const assigned = await adminApi.call('POST', `/api/support/admin/tickets/${ticket}/assign/`, {
      assigned_to: me.body.user.id,
    });
    expect(assigned.status).toBe(200);
    // No reload: the notification arrives by the event stream.
    await expect
      .poll(() => ben.getByTestId('bell').getAttribute('aria-label'), POLL)
      .toMatch(/^Notifications, \d+ unread$/);
    expect(before).not.toBe(await ben.getByTestId('bell').getAttribute('aria-label'));
    await ben.getByTestId('bell').click();
    const item = ben.getByTestId('notification').filter({ hasText: ticket });
    await item.waitFor(POLL);
    expect(await item.textContent()).toContain('Assigned to you');
    await item.getByRole('link').click();
    await ben.waitForURL(/\/desk\/tickets\/\d+$/);
    await ben.getByRole('heading', { level: 1, name: /Assigned by the admin/ }).waitFor();
    await expect
      .poll(async () => {
        const list = await benApi.call<{ results: { title: string; is_read: boolean }[] }>(
          'GET',
          '/api/support/notifications/',
        );
        return list.body.results.find((n) => n.title.includes(ticket))?.is_read;
      }, POLL)
      .toBe(true);
  });

  it('rings the bell for a notification made while the desk’s stream was still connecting', async () => {
    current = ben;
    const stream = await holdStream(ben);
    try {
      const unread = () =>
        benApi
          .call<{ unread: number }>('GET', '/api/support/notifications/unread-count/')
          .then((r) => r.body.unread);
      const count = await unread();
      await ben.goto(`${server.url}/desk?view=all`);
      await ben.locator('section.inbox-main[aria-busy="false"]').waitFor();
      const bell = ben.getByTestId('bell');
      const shows = (n: number) => (n > 0 ? `Notifications, ${n} unread` : 'Notifications');
      await expect.poll(() => bell.getAttribute('aria-label'), POLL).toBe(shows(count));
      const ticket = await newTicket('Assigned in the gap');
      const me = await benApi.call<{ user: { id: number } }>('GET', '/api/auth/me');
      const assigned = await adminApi.call('POST', `/api/support/admin/tickets/${ticket}/assign/`, {
        assigned_to: me.body.user.id,
      });
      expect(assigned.status).toBe(200);
      // Made by a background subscriber, before the desk's stream is open.
      await expect.poll(unread, POLL).toBe(count + 1);
      stream.release();
      await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 8_000 }).toBe(shows(count + 1));
    } finally {
      await stream.restore();
    }
  });

  it('keeps saved views on the server: they survive a new browser context, old local ones move there', async () => {
    current = ben;
    await ben.goto(`${server.url}/desk?view=pending&priority=high`);
    await ben.locator('main h1').waitFor();
    const views = ben.getByRole('navigation', { name: 'Views' });
    await views.getByRole('button', { name: 'Save this view…' }).click();
    await views.getByPlaceholder('Name of the view').fill('High, pending');
    await views.getByRole('button', { name: 'Save', exact: true }).click();
    await views.getByRole('link', { name: 'High, pending' }).waitFor();

    // A view an older desk kept in this browser only.
    const me = await benApi.call<{ user: { id: number } }>('GET', '/api/auth/me');
    const fresh = await agentPage(BEN, '/desk?view=all');
    current = fresh;
    const legacyKey = `bfg2-support.saved-views.${me.body.user.id}`;
    const legacy = JSON.stringify([{ name: 'Old low', search: 'view=all&priority=low' }]);
    await fresh.evaluate(`localStorage.setItem(${JSON.stringify(legacyKey)}, ${JSON.stringify(legacy)})`);
    await fresh.reload();
    const freshViews = fresh.getByRole('navigation', { name: 'Views' });
    await freshViews.getByRole('link', { name: 'High, pending' }).waitFor(POLL);
    await freshViews.getByRole('link', { name: 'Old low' }).waitFor(POLL);
    await expect.poll(() => fresh.evaluate(`localStorage.getItem(${JSON.stringify(legacyKey)})`)).toBeNull();
    await freshViews.getByRole('link', { name: 'High, pending' }).click();
    await fresh.waitForURL(/\/desk\?view=pending&priority=high$/);

    const stored = await benApi.call<{ results: { name: string; query: string }[] }>(
      'GET',
      '/api/support/me/views/',
    );
    expect(stored.body.results.map((v) => `${v.name}: ${v.query}`)).toEqual([
      'High, pending: view=pending&priority=high',
      'Old low: view=all&priority=low',
    ]);
    await freshViews.getByRole('button', { name: 'Remove the saved view Old low' }).click();
    await freshViews.getByRole('link', { name: 'Old low' }).waitFor({ state: 'detached' });
  });

  it('fits the inbox table at 1280 px: every column, "Updated" last, in view', async () => {
    current = ben;
    await ben.setViewportSize({ width: 1280, height: 800 });
    await ben.goto(`${server.url}/desk?view=all`);
    await ben.locator('tbody tr').first().waitFor();
    const fit = await ben.evaluate<{
      overflow: number;
      lastText: string;
      lastRight: number;
      viewport: number;
      page: number;
    }>(`(() => {
      const scroller = document.querySelector('.table-scroll');
      const headers = [...document.querySelectorAll('.inbox-table th')].filter((th) => th.offsetParent !== null);
      const last = headers[headers.length - 1];
      return {
        overflow: scroller.scrollWidth - scroller.clientWidth,
        lastText: last.textContent,
        lastRight: last.getBoundingClientRect().right,
        viewport: window.innerWidth,
        page: document.documentElement.scrollWidth,
      };
    })()`);
    expect(fit.lastText).toBe('Updated');
    expect(fit.overflow).toBeLessThanOrEqual(0);
    expect(fit.lastRight).toBeLessThanOrEqual(fit.viewport);
    expect(fit.page).toBeLessThanOrEqual(fit.viewport);
    await shot(ben, 'inbox-1280px.png');
  });

  it('keeps the desk header on one line at 375 px, the rest in a menu', async () => {
    current = ben;
    await ben.setViewportSize({ width: 375, height: 800 });
    await ben.goto(`${server.url}/desk?view=all`);
    await ben.locator('main h1').waitFor();
    const header = await ben.locator('.desk-header').boundingBox();
    expect(header?.height).toBeLessThan(60);
    expect(await ben.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await ben.getByRole('button', { name: 'Menu' }).click();
    const menu = ben.getByRole('menu');
    await menu.getByRole('menuitemradio', { name: 'Away' }).click();
    await expect
      .poll(
        async () =>
          (await benApi.call<{ availability: string }>('GET', '/api/support/me/availability/')).body
            .availability,
        POLL,
      )
      .toBe('away');
    await ben.getByRole('button', { name: 'Menu' }).click();
    await ben.getByRole('menu').getByRole('menuitemradio', { name: 'Available' }).click();
    await shot(ben, 'header-375px.png');
    await ben.setViewportSize({ width: 1280, height: 800 });
  });

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
