/**
 * The agent desk in Chromium: the agent flow of issue 13 (inbox → Breaching soon → open by keyboard →
 * reply with a template → internal note → assign to a colleague → resolve), the German UI without
 * English left over, axe-core on the inbox and the ticket page in both themes, and a 375 px phone.
 * Screenshots of both pages in both themes go to SHOTS_DIR (and of any failing test).
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

const AGENT = 'agent1@demo.test';
const COLLEAGUE = 'Clara Schmidt';
const CUSTOMER = { email: 'customer2@demo.test', name: 'Erik Johansson' };

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
let agentApi: ApiSession;
let ticket: string;
const pageErrors: string[] = [];
const POLL = { timeout: 15_000 };

interface TicketBody {
  ticket_number: string;
  status: string;
  assigned_to: { name: string } | null;
  messages: { message: string; is_internal: boolean; message_type: string }[];
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  agentApi = await apiSession(server.url, AGENT);
  // A fresh ticket: due in the future, so it is in "Breaching soon" (the demo's are long breached).
  const created = await agentApi.call<{ ticket_number: string }>('POST', '/api/support/tickets/', {
    subject: 'Cannot reset my password',
    description: 'The reset mail never arrives.',
    customer: CUSTOMER.email,
    category: 'account',
    priority: 'high',
    channel: 'phone',
  });
  expect(created.status).toBe(201);
  ticket = created.body.ticket_number;
});

beforeEach((context) => screenshotOnFailure(context.onTestFailed, () => page, `desk-${context.task.name}`));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS_DIR, name), fullPage: true });

describe('the agent desk', () => {
  it('opens a deep link after the login, then walks the agent flow by keyboard', async () => {
    await page.goto(`${server.url}/desk`);
    await page.waitForURL('**/app/login?next=%2Fdesk');
    await staffLogin(page, AGENT);
    await page.waitForURL(/\/desk$/);

    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('link', { name: 'Breaching soon' })
      .click();
    await page.waitForURL(/view=breaching/);
    const row = page.locator(`tr[data-ticket="${ticket}"]`);
    await row.waitFor();
    // j/k move the active row (it holds the focus); Enter opens it.
    const rows = await Promise.all(
      (await page.locator('tbody tr').all()).map((tr) => tr.getAttribute('data-ticket')),
    );
    await page.locator('h1').click();
    // The first j focuses the first row, each further j the next one.
    for (let i = 0; i <= rows.indexOf(ticket); i++) await page.keyboard.press('j');
    await expect.poll(() => page.evaluate('document.activeElement.dataset.ticket'), POLL).toBe(ticket);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/desk/tickets/${ticket}`);
    await page.getByRole('heading', { level: 1, name: /Cannot reset my password/ }).waitFor();

    // r: a public reply from the "Password reset" template, its placeholders filled in the preview.
    await page.keyboard.press('r');
    expect(await page.evaluate('document.activeElement.id')).toBe('composer-text');
    await page.getByLabel('Template', { exact: true }).selectOption({ label: 'Password reset (en)' });
    const text = page.locator('#composer-text');
    await expect.poll(() => text.inputValue(), POLL).toContain(`Hi ${CUSTOMER.name},`);
    expect(await text.inputValue()).not.toContain('{{');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('.message-agent', { hasText: `Hi ${CUSTOMER.name},` }).waitFor();
    await expect.poll(() => text.inputValue(), POLL).toBe('');

    // n: an internal note, shown as one.
    await page.locator('h1').click();
    await page.keyboard.press('n');
    await page.locator('#composer-text').fill('Checked the mail log: the reset mail bounced.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.message-note', { hasText: 'the reset mail bounced' }).waitFor();

    // Assign to a colleague, then resolve.
    await page.getByLabel('Assignee').selectOption({ label: COLLEAGUE });
    await expect
      .poll(() => page.locator('#prop-assignee option:checked').textContent(), POLL)
      .toBe(COLLEAGUE);
    await page.getByLabel('Status').selectOption('resolved');
    await page.locator('.ticket-head .status', { hasText: 'Resolved' }).waitFor();

    const stored = await agentApi.call<TicketBody>('GET', `/api/support/tickets/${ticket}/`);
    expect(stored.body.status).toBe('resolved');
    expect(stored.body.assigned_to?.name).toBe(COLLEAGUE);
    const reply = stored.body.messages.find((m) => m.message_type === 'agent');
    expect(reply?.message).toContain(`Hi ${CUSTOMER.name},`);
    expect(reply?.is_internal).toBe(false);
    const note = stored.body.messages.find((m) => m.message_type === 'note');
    expect(note?.is_internal).toBe(true);
    expect(note?.message).toContain('reset mail bounced');
  });

  it('has no serious or critical axe violations on the inbox and the ticket page, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [name, url] of [
        ['inbox', '/desk?view=all'],
        ['ticket', `/desk/tickets/${ticket}`],
      ] as const) {
        await page.goto(`${server.url}${url}`);
        await page
          .locator(name === 'inbox' ? 'tbody tr' : '.conversation')
          .first()
          .waitFor();
        await page.waitForLoadState('networkidle');
        await shot(`${name}-${scheme}.png`);
        const serious = (await axeViolations(page)).filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        );
        expect(serious, `${name} (${scheme})`).toEqual([]);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    // Four cold page loads with axe each: over a minute on a loaded machine.
  }, 180_000);

  it('shows no English text in the German UI', async () => {
    const english = await englishOnlyTexts();
    await page.goto(`${server.url}/desk?view=all`);
    await page.getByLabel('Language').selectOption('de');
    for (const url of ['/desk?view=all', `/desk/tickets/${ticket}`, '/desk/tickets/new']) {
      await page.goto(`${server.url}${url}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const leftover = (await visibleTexts(page)).filter((text) => english.has(text));
      expect(leftover, url).toEqual([]);
      expect(await page.evaluate('document.documentElement.lang')).toBe('de');
    }
    await page.getByLabel('Sprache').selectOption('en');
  });

  it('is usable 375 px wide: no sideways page scroll, the composer and properties reachable', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    for (const url of ['/desk?view=all', `/desk/tickets/${ticket}`]) {
      await page.goto(`${server.url}${url}`);
      await page.locator('main h1').first().waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth'), url).toBeLessThanOrEqual(375);
    }
    await page.getByRole('button', { name: 'Send', exact: true }).scrollIntoViewIfNeeded();
    expect(await page.getByRole('button', { name: 'Send', exact: true }).isVisible()).toBe(true);
    expect(await page.getByLabel('Status').isVisible()).toBe(true);
    await shot('ticket-375px.png');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('lists the shortcuts on ? and goes back to the inbox on g i', async () => {
    await page.goto(`${server.url}/desk/tickets/${ticket}`);
    await page.locator('main h1').waitFor();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Assign to me');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.keyboard.press('g');
    await page.keyboard.press('i');
    await page.waitForURL(/\/desk$/);
    await page.goBack();
    await page.waitForURL(`**/desk/tickets/${ticket}`);
  });

  it('saves the current inbox view under a name and opens it again from the views', async () => {
    await page.goto(`${server.url}/desk?view=pending&priority=high`);
    await page.locator('main h1').waitFor();
    const views = page.getByRole('navigation', { name: 'Views' });
    await views.getByRole('button', { name: 'Save this view…' }).click();
    await views.getByPlaceholder('Name of the view').fill('High, pending');
    await views.getByRole('button', { name: 'Save', exact: true }).click();
    await views.getByRole('link', { name: 'All' }).click();
    await page.waitForURL(/view=all/);
    await views.getByRole('link', { name: 'High, pending' }).click();
    await page.waitForURL(/\/desk\?view=pending&priority=high$/);
    await expect.poll(() => page.getByLabel('Priority').first().inputValue(), POLL).toBe('high');
    await views.getByRole('button', { name: 'Remove the saved view High, pending' }).click();
    // Removed on the server, then from the list.
    await views.getByRole('link', { name: 'High, pending' }).waitFor({ state: 'detached' });
  });

  it('shows a ticket created elsewhere in the open inbox without a reload (the event stream)', async () => {
    await page.goto(`${server.url}/desk?view=all`);
    await page.locator('main h1').waitFor();
    // Survives only as long as the document does: a reload would drop it.
    await page.evaluate(() => {
      (globalThis as unknown as { deskMarker: string }).deskMarker = 'same document';
    });
    const subject = `Arrived while watching ${Date.now()}`;
    const created = await agentApi.call<{ ticket_number: string }>('POST', '/api/support/tickets/', {
      subject,
      description: 'Created through the API while the inbox is open.',
      customer: CUSTOMER.email,
      channel: 'phone',
    });
    expect(created.status).toBe(201);
    await page.getByText(subject).waitFor(POLL);
    expect(await page.evaluate(() => (globalThis as unknown as { deskMarker?: string }).deskMarker)).toBe(
      'same document',
    );
  });

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
