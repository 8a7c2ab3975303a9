/**
 * The ticket page's helpers in Chromium: related knowledge-base articles with "Insert link" into the
 * reply at the caret, the possible-duplicate notice with its confirmed merge (the page follows to the
 * surviving ticket, the merged number keeps opening it, an open inbox updates live), "Not a duplicate"
 * (the notice goes, live in another tab too, and stays gone), "Merge into…" from the ticket's menu, templates filtered by language, and axe on the page in both themes.
 * Needs `npm run build` first (see harness.ts).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, openAgentDesk, type ApiSession } from './desk-support.js';
import { screenshotOnFailure, type RunningBrowser, type RunningServer } from './harness.js';

const AGENT = 'agent1@demo.test';
const POLL = { timeout: 15_000 };

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
let agentApi: ApiSession;
let pageErrors: string[] = [];

interface TicketBody {
  ticket_number: string;
  status: string;
  messages: { message: string; message_type: string }[];
}

async function createTicket(fields: Record<string, string>): Promise<string> {
  const created = await agentApi.call<{ ticket_number: string }>('POST', '/api/support/tickets/', {
    priority: 'medium',
    channel: 'email',
    ...fields,
  });
  expect(created.status).toBe(201);
  return created.body.ticket_number;
}

const composer = () => page.locator('#composer-text');

async function openTicket(number: string): Promise<void> {
  await page.goto(`${server.url}/desk/tickets/${number}`);
  await page.locator('.conversation').waitFor();
}

beforeAll(async () => {
  const desk = await openAgentDesk(AGENT);
  ({ server, browser, page, pageErrors } = desk);
  agentApi = desk.api;
});

beforeEach((context) =>
  screenshotOnFailure(context.onTestFailed, () => page, `related-${context.task.name}`),
);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('related articles on the ticket page', () => {
  it('lists the matching demo article and inserts its public link at the caret of a public reply', async () => {
    const number = await createTicket({
      subject: 'Resetting my password does not work',
      description: 'I asked to reset my password twice and the reset link never arrived.',
      customer: 'customer1@demo.test',
      category: 'account',
    });
    await openTicket(number);
    const panel = page.getByRole('region', { name: 'Related articles' });
    const link = panel.getByRole('link', { name: /Resetting your password/ });
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`^${server.url}/kb/demo/en/`));
    expect((await fetch(href)).status).toBe(200);

    // The agent was writing a note; Insert link switches to the public reply and puts the link where
    // the caret is (between the two halves of the text), then gives the focus back to the text.
    await page.locator('h1').click();
    await page.keyboard.press('n');
    await composer().fill('Hello, please see . Thanks');
    await composer().evaluate((el: { setSelectionRange(a: number, b: number): void }) =>
      el.setSelectionRange(17, 17),
    );
    await panel.getByRole('button', { name: /Insert link to “Resetting your password”/ }).click();
    await expect
      .poll(() => composer().inputValue(), POLL)
      .toBe(`Hello, please see Resetting your password: ${href} . Thanks`);
    expect(await page.getByRole('radio', { name: 'Public reply' }).getAttribute('aria-checked')).toBe('true');
    expect(await page.evaluate('document.activeElement.id')).toBe('composer-text');

    // Keyboard: Tab reaches the button, Enter inserts again, at the new caret.
    await composer().evaluate((el: { setSelectionRange(a: number, b: number): void }) =>
      el.setSelectionRange(0, 0),
    );
    await panel
      .getByRole('button', { name: /Insert link to/ })
      .first()
      .focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => composer().inputValue(), POLL).toMatch(/^Resetting your password: http\S+ Hello/);
  });

  it('says so when nothing matches, and asks again when the subject changes', async () => {
    const number = await createTicket({
      subject: 'Zzzz',
      description: 'Qqqq',
      customer: 'customer1@demo.test',
    });
    await openTicket(number);
    const panel = page.getByRole('region', { name: 'Related articles' });
    await panel.getByText('No published article matches this ticket.').waitFor();
    const patched = await agentApi.call('PATCH', `/api/support/tickets/${number}/`, {
      subject: 'Which payment methods can I use',
    });
    expect(patched.status).toBe(200);
    // The stream refreshes the ticket; its new subject asks for articles again.
    await panel.getByRole('link', { name: /Which payment methods can I use/ }).waitFor();
  });
});

describe('possible duplicates and merging', () => {
  let first: string;
  let duplicate: string;

  beforeAll(async () => {
    const fields = { customer: 'customer3@demo.test', category: 'delivery-damaged', order: 'ORD-77123' };
    first = await createTicket({
      ...fields,
      subject: 'Parcel arrived damaged, the vase is broken',
      description: 'The box was crushed and the vase inside is broken.',
    });
    duplicate = await createTicket({
      ...fields,
      subject: 'Parcel arrived damaged: broken vase',
      description: 'My parcel came crushed, the vase is broken. Please help.',
    });
  });

  it('shows the notice with why and when, clean for axe in both themes and at 375 px', async () => {
    await openTicket(duplicate);
    const notice = page.getByRole('region', { name: 'Possible duplicates' });
    await notice.getByRole('link', { name: first }).waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('Possible duplicate of');
    expect(text).toContain('same customer');
    expect(text).toContain('same order');
    expect(text).toMatch(/similar subject and text \(\d+ %\)/);
    expect(text).toMatch(/opened /);
    await page.getByRole('region', { name: 'Related articles' }).getByRole('link').first().waitFor();

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForLoadState('networkidle');
      const serious = (await axeViolations(page)).filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );
      expect(serious, scheme).toEqual([]);
    }
    await notice.getByRole('button', { name: `Merge into ${first}` }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    const serious = (await axeViolations(page)).filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious, 'merge dialog, dark').toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.emulateMedia({ colorScheme: 'light' });

    await page.setViewportSize({ width: 375, height: 800 });
    await openTicket(duplicate);
    await notice.waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);

  it('merges after the confirmation, follows to the survivor, the old number redirects, the inbox updates live', async () => {
    // A second tab with the inbox open sees the merged ticket closed without a reload.
    const inbox = await browser.context.newPage();
    await inbox.goto(`${server.url}/desk?view=all`);
    const row = inbox.locator(`tr[data-ticket="${duplicate}"]`);
    await row.waitFor();

    await openTicket(duplicate);
    await page.getByRole('button', { name: `Merge into ${first}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Merge ${duplicate} into ${first}?` });
    await dialog.getByText('cannot be undone').waitFor();
    await dialog.getByRole('button', { name: 'Merge' }).click();
    await page.waitForURL(`**/desk/tickets/${first}`);
    await page
      .getByRole('status')
      .filter({ hasText: `${duplicate} was merged into this ticket.` })
      .waitFor();
    // The duplicate's own text moved along, as the customer's message.
    await page.locator('.message-customer', { hasText: 'the vase is broken. Please help.' }).waitFor();

    const stored = await agentApi.call<TicketBody>('GET', `/api/support/tickets/${duplicate}/`);
    expect(stored.body.ticket_number).toBe(first);
    await expect.poll(() => row.locator('.status').textContent(), POLL).toBe('Closed');
    await inbox.close();

    // The merged number still opens, as the surviving ticket's own URL.
    await page.goto(`${server.url}/desk/tickets/${duplicate}`);
    await page.waitForURL(`**/desk/tickets/${first}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(first) }).waitFor();
  });

  it('merges into any ticket number from the ticket menu, and says why a bad number is refused', async () => {
    const customer = { customer: 'customer2@demo.test' };
    const target = await createTicket({ ...customer, subject: 'Invoice address wrong', description: 'A.' });
    const source = await createTicket({
      ...customer,
      subject: 'Different topic entirely',
      description: 'B.',
    });
    await openTicket(source);
    await page.getByRole('button', { name: 'Ticket actions' }).click();
    await page.getByRole('menuitem', { name: 'Merge into…' }).click();
    const dialog = page.getByRole('alertdialog');
    const field = dialog.getByLabel('Ticket number to merge into');
    await field.fill('DEMO-999999');
    await dialog.getByRole('button', { name: 'Merge' }).click();
    await dialog.getByRole('alert').waitFor();
    expect(page.url()).toContain(`/desk/tickets/${source}`);

    await field.fill(target.toLowerCase());
    await dialog.getByRole('button', { name: 'Merge' }).click();
    await page.waitForURL(`**/desk/tickets/${target}`);
    const stored = await agentApi.call<TicketBody>('GET', `/api/support/tickets/${source}/`);
    expect(stored.body.ticket_number).toBe(target);
  });
});

describe('not a duplicate', () => {
  it('dismisses the notice for good: gone at once, live in another tab, after a reload, in the history', async () => {
    const fields = { customer: 'customer2@demo.test', order: 'ORD-88123' };
    const first = await createTicket({
      ...fields,
      subject: 'Wrong size delivered, shoes too small',
      description: 'I ordered size 42 and got size 40 shoes.',
    });
    const second = await createTicket({
      ...fields,
      subject: 'Wrong size delivered: shoes too small',
      description: 'The shoes are size 40, I ordered 42.',
    });
    // Another agent's tab on the same ticket drops the notice through the event stream.
    const other = await browser.context.newPage();
    await other.goto(`${server.url}/desk/tickets/${second}`);
    const otherNotice = other.getByRole('region', { name: 'Possible duplicates' });
    await otherNotice.getByRole('link', { name: first }).waitFor();

    await openTicket(second);
    const notice = page.getByRole('region', { name: 'Possible duplicates' });
    await notice.getByRole('link', { name: first }).waitFor();
    await notice.getByRole('button', { name: 'Not a duplicate' }).click();
    await notice.waitFor({ state: 'detached' });
    await otherNotice.waitFor({ state: 'detached', ...POLL });
    await other.close();

    await page.reload();
    await page.locator('.conversation').waitFor();
    await page.getByRole('region', { name: 'Related articles' }).waitFor();
    expect(await page.getByRole('region', { name: 'Possible duplicates' }).count()).toBe(0);
    const listed = await agentApi.call<{ results: unknown[] }>(
      'GET',
      `/api/support/tickets/${second}/duplicates/`,
    );
    expect(listed.body.results).toEqual([]);

    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('tab', { name: 'Changes' }).click();
    const entry = history.locator('.timeline li', { hasText: `Not a duplicate of: — → ${first}` });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Ben Becker');
  });
});

describe('the composer', () => {
  it('filters templates by language: the workspace language first, another on request', async () => {
    const number = await createTicket({
      subject: 'Item missing from my order',
      description: 'One of the three items was not in the box.',
      customer: 'customer1@demo.test',
      category: 'missing-item',
    });
    await openTicket(number);
    const language = page.getByLabel('Template language');
    await expect.poll(() => language.inputValue(), POLL).toBe('en');
    const templates = page.getByLabel('Template', { exact: true });
    const labels = () => templates.locator('option').allTextContents();
    expect((await labels()).filter((l) => l.endsWith('(de)'))).toEqual([]);
    expect((await labels()).some((l) => l.endsWith('(en)'))).toBe(true);
    await language.selectOption('de');
    await expect.poll(async () => (await labels()).filter((l) => l.endsWith('(en)')), POLL).toEqual([]);
    await templates.selectOption({ label: 'Fehlender Artikel: wir prüfen (de)' });
    await expect.poll(() => composer().inputValue(), POLL).toContain('Hallo Dana Fischer');
    expect(await composer().inputValue()).not.toContain('{{');
  });

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
