/**
 * The points of issue 13 that no other desk spec walks, in Chromium: a file dropped on the composer
 * and "send and set pending" (with the image previewed), the draft kept over a reload, quoted history
 * folded (English and German mail clients), a mail's HTML shown sanitised in a sandboxed frame, inline editing of every property with "assign to me" and
 * the history it leaves, the customer sidebar with the linked order, "create KB article", bulk actions,
 * the SLA countdown in words and colour, keyset infinite scroll, browser notifications opt-in, and a
 * ticket opened on behalf of a customer with its order. Needs `npm run build` first (see harness.ts).
 */
import nodemailer from 'nodemailer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiSession, openAgentDesk, type ApiSession } from './desk-support.js';
import { screenshotOnFailure, type RunningBrowser, type RunningServer } from './harness.js';

const AGENT = 'agent1@demo.test';
const POLL = { timeout: 15_000 };
// A 1×1 PNG.
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
let agentApi: ApiSession;
let pageErrors: string[] = [];

interface TicketBody {
  ticket_number: string;
  status: string;
  order: string | null;
  source_phone: string | null;
  channel: string;
  priority: { code: string };
  category: { slug: string } | null;
  team: { id: number } | null;
  tags: { slug: string }[];
  assigned_to: { id: number; name: string } | null;
  messages: { message: string; message_type: string; attachments: { filename: string }[] }[];
}

async function createTicket(fields: Record<string, string> = {}): Promise<string> {
  const created = await agentApi.call<{ ticket_number: string }>('POST', '/api/support/tickets/', {
    subject: 'Where is my parcel?',
    description: 'It was due on Monday.',
    customer: 'customer2@demo.test',
    priority: 'medium',
    channel: 'email',
    ...fields,
  });
  expect(created.status).toBe(201);
  return created.body.ticket_number;
}

const ticketOf = async (number: string) =>
  (await agentApi.call<TicketBody>('GET', `/api/support/tickets/${number}/`)).body;

async function openTicket(number: string): Promise<void> {
  await page.goto(`${server.url}/desk/tickets/${number}`);
  await page.locator('.conversation').waitFor();
}

beforeAll(async () => {
  const desk = await openAgentDesk(AGENT);
  ({ server, browser, page, pageErrors } = desk);
  agentApi = desk.api;
});

beforeEach((context) => screenshotOnFailure(context.onTestFailed, () => page, `audit-${context.task.name}`));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the composer', () => {
  it('takes a dropped image, sends and sets pending, and previews the image', async () => {
    const number = await createTicket();
    await openTicket(number);
    await page.locator('#composer-text').fill('Here is the label we printed.');
    // Evaluated as text: the specs are type-checked without the DOM library.
    await page.evaluate(`(() => {
      const bytes = Uint8Array.from(atob('${PNG_BASE64}'), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'label.png', { type: 'image/png' }));
      const el = document.querySelector('.composer');
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    })()`);
    await page.locator('.composer .files', { hasText: 'label.png' }).waitFor();
    await page.getByRole('button', { name: 'Send and set…' }).click();
    await page.getByRole('menuitem', { name: 'Send and set pending' }).click();
    const preview = page.locator('.message-agent .attachments img');
    await preview.waitFor();
    await expect
      .poll(() => preview.evaluate((img: { naturalWidth: number }) => img.naturalWidth), POLL)
      .toBe(1);
    const stored = await ticketOf(number);
    expect(stored.status).toBe('pending');
    const reply = stored.messages.find((m) => m.message_type === 'agent');
    expect(reply?.attachments.map((a) => a.filename)).toEqual(['label.png']);
  });

  it('keeps the draft and its mode over a reload', async () => {
    const number = await createTicket();
    await openTicket(number);
    await page.locator('h1').click();
    await page.keyboard.press('n');
    await page.locator('#composer-text').fill('Half-written note about the carrier');
    await page.getByText('Draft saved').waitFor();
    await page.reload();
    await expect
      .poll(() => page.locator('#composer-text').inputValue(), POLL)
      .toBe('Half-written note about the carrier');
    expect(await page.getByRole('radio', { name: 'Internal note' }).getAttribute('aria-checked')).toBe(
      'true',
    );
  });

  it('folds the quoted history of English and German mail clients', async () => {
    const number = await createTicket();
    const customer = await apiSession(server.url, 'customer2@demo.test', true);
    for (const text of [
      'Still nothing.\n\nOn Mon, 1 Dec 2026 at 10:00, Support <support@demo.test> wrote:\n> We are checking.',
      'Immer noch nichts.\n\nAm 01.12.2026 um 10:00 schrieb Support <support@demo.test>:\n> Wir prüfen das.',
      'Third try.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\n\nWe are checking.',
    ]) {
      const res = await customer.call('POST', `/api/support/tickets/${number}/reply/`, { message: text });
      expect(res.status).toBe(201);
    }
    await openTicket(number);
    const messages = page.locator('.message-customer');
    await expect.poll(() => messages.count(), POLL).toBeGreaterThanOrEqual(3);
    for (const [shown, hidden] of [
      ['Still nothing.', 'We are checking.'],
      ['Immer noch nichts.', 'Wir prüfen das.'],
      ['Third try.', 'We are checking.'],
    ] as const) {
      const message = messages.filter({ hasText: shown });
      const folded = message.locator('details.quoted');
      await folded.waitFor();
      expect(await folded.getAttribute('open')).toBeNull();
      expect(await message.locator('.message-text').first().textContent()).not.toContain(hidden);
    }
  });
});

describe('mail in the conversation', () => {
  it('shows the HTML part of a mail sanitised, in a sandboxed frame, without its scripts', async () => {
    const subject = `Damaged lamp ${Date.now()}`;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort });
    await transport.sendMail({
      from: 'Mia Mail <mia@example.test>',
      to: 'support@demo.test',
      subject,
      text: 'The lamp arrived broken.',
      html:
        '<p>The <b id="bold">lamp</b> arrived <i>broken</i>.</p>' +
        '<script>parent.document.title = "pwned"</script><img src="https://tracker.example.test/p.gif">',
    });
    transport.close();
    let number = '';
    await expect
      .poll(
        async () => {
          const found = await agentApi.call<{ results: { ticket_number: string; subject: string }[] }>(
            'GET',
            `/api/support/admin/tickets/?q=${encodeURIComponent(subject)}`,
          );
          number = found.body.results.find((x) => x.subject === subject)?.ticket_number ?? '';
          return number;
        },
        { timeout: 30_000 },
      )
      .not.toBe('');
    await openTicket(number);
    const message = page.locator('.message-customer', { hasText: 'The lamp arrived broken.' });
    await message.getByText('Show the original email (HTML)').click();
    const frame = message.locator('iframe');
    expect(await frame.getAttribute('sandbox')).not.toContain('allow-scripts');
    const inner = page.frameLocator('.mail-html iframe');
    await inner.locator('#bold, b', { hasText: 'lamp' }).first().waitFor();
    expect(await inner.locator('script').count()).toBe(0);
    expect(await inner.locator('img').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    await expect
      .poll(() => frame.evaluate((el: { offsetHeight: number }) => el.offsetHeight), POLL)
      .toBeGreaterThan(0);
  });
});

describe('the ticket sidebar', () => {
  it('edits every property inline, assigns to me, and shows the history it leaves', async () => {
    const number = await createTicket({ order: 'ORD-55501' });
    await openTicket(number);
    await page.getByLabel('Priority').selectOption({ label: 'High' });
    await expect.poll(async () => (await ticketOf(number)).priority.code, POLL).toBe('high');
    await page.getByLabel('Category').selectOption({ label: 'Delivery' });
    await expect.poll(async () => (await ticketOf(number)).category?.slug, POLL).toBe('delivery');
    const team = page.getByLabel('Team', { exact: true });
    const firstTeam = (await team.locator('option').nth(1).textContent()) ?? '';
    await team.selectOption({ label: firstTeam });
    await expect.poll(async () => (await ticketOf(number)).team !== null, POLL).toBe(true);
    await page.getByLabel('Add a tag').selectOption({ label: 'VIP' });
    await expect.poll(async () => (await ticketOf(number)).tags.map((x) => x.slug), POLL).toContain('vip');
    await page.getByRole('button', { name: 'Remove tag VIP' }).click();
    await expect.poll(async () => (await ticketOf(number)).tags.length, POLL).toBe(0);
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await expect.poll(async () => (await ticketOf(number)).assigned_to?.name, POLL).toBe('Ben Becker');

    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('tab', { name: 'Assignments' }).click();
    await history
      .getByText(/Ben Becker/)
      .first()
      .waitFor();
    await history.getByRole('tab', { name: 'Changes' }).click();
    await history.locator('.timeline li').first().waitFor();
    expect(await history.locator('.timeline li').count()).toBeGreaterThanOrEqual(2);

    const customer = page.getByRole('region', { name: 'Customer' });
    await customer.getByText('ORD-55501').waitFor();
    await customer.getByText('Their other tickets').waitFor();
    expect(await customer.locator('.other-tickets li').count()).toBeGreaterThan(0);
  });

  it('creates a KB article from a resolved ticket', async () => {
    const number = await createTicket({ subject: 'How do I change my delivery address?' });
    expect(
      (await agentApi.call('PUT', `/api/support/tickets/${number}/status/`, { status: 'resolved' })).status,
    ).toBe(200);
    await openTicket(number);
    await page.getByRole('button', { name: 'Create KB article from this ticket' }).click();
    await page.getByText(/Draft article “.+” created\./).waitFor();
  });
});

describe('the inbox', () => {
  it('updates the selected tickets in bulk', async () => {
    const numbers = [
      await createTicket({ subject: 'Bulk one' }),
      await createTicket({ subject: 'Bulk two' }),
    ];
    await page.goto(`${server.url}/desk?view=all`);
    for (const number of numbers) await page.getByRole('checkbox', { name: `Select ${number}` }).check();
    const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
    await bar.getByRole('button', { name: 'Set priority…' }).click();
    await page.getByRole('menuitem', { name: 'Urgent' }).click();
    await bar.getByText('Updated 2 tickets').waitFor();
    for (const number of numbers) expect((await ticketOf(number)).priority.code).toBe('urgent');
  });

  it('shows the SLA countdown in words with a colour, and loads further pages on scrolling', async () => {
    await page.goto(`${server.url}/desk?view=all`);
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    const sla = page.locator('tbody tr .sla').first();
    expect(((await sla.textContent()) ?? '').trim()).not.toBe('');
    expect(await sla.getAttribute('class')).toMatch(/sla-(ok|warning|breached|met|paused|none)/);
    expect(await rows.count()).toBe(50);
    await page.locator('.sentinel').scrollIntoViewIfNeeded();
    await expect.poll(() => rows.count(), POLL).toBeGreaterThan(50);
    await page.getByText('That is all.').waitFor();
  });

  it('turns browser notifications on when the agent asks (and the browser allows)', async () => {
    await browser.context.grantPermissions(['notifications'], { origin: server.url });
    await page.goto(`${server.url}/desk`);
    await page.getByRole('button', { name: /^Notifications/ }).click();
    await page.getByRole('button', { name: 'Show browser notifications' }).click();
    await page.getByText('Browser notifications are on.').waitFor();
    await page.keyboard.press('Escape');
  });
});

describe('a ticket on behalf of a customer', () => {
  it('opens one for a phone call, with the number and the order, and lands on it', async () => {
    await page.goto(`${server.url}/desk/tickets/new`);
    await page.getByLabel('Customer email').fill('caller@example.test');
    await page.getByLabel('Received by').selectOption('phone');
    await page.getByLabel('Phone number').fill('+49 30 1234567');
    await page.getByLabel('Order', { exact: true }).fill('ORD-90001');
    await page.getByLabel('Subject', { exact: true }).fill('Called about a late delivery');
    await page.getByLabel('Description').fill('Caller says the parcel is three days late.');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.waitForURL(/\/desk\/tickets\/DEMO-\d+$/);
    const number = page.url().split('/').pop() ?? '';
    const stored = await ticketOf(number);
    expect(stored).toMatchObject({ channel: 'phone', source_phone: '+49 30 1234567', order: 'ORD-90001' });
  });

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
