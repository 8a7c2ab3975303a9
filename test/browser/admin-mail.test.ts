/**
 * The mail screens in Chromium (issues 14 and 15): an agent gets no mail menu and 403s; an admin adds a
 * mailbox and sees its state, tests its (unreachable) IMAP server and sees the error; a mail sent with
 * nodemailer to the server's SMTP listener opens a ticket; a malformed mail shows in Incoming mail and
 * is retried; a mail template is edited with its live preview; an agent's reply shows as sent on the
 * desk without a reload. axe (no serious or critical) on each new page light and dark, and 375 px.
 * Needs `npm run build` first (see harness.ts).
 */
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  apiSession,
  axeViolations,
  overflowOf,
  staffLogin,
  untranslatedEnglish,
  visibleTexts,
  type ApiSession,
} from './desk-support.js';
import {
  launchChromium,
  ROOT,
  screenshotOnFailure,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from './harness.js';

const ADMIN = 'admin@demo.test';
const AGENT = 'agent1@demo.test';
const PAGES = ['mailboxes', 'mail/inbound', 'mail/templates'] as const;
const POLL = { timeout: 20_000 };

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
let adminApi: ApiSession;
const pageErrors: string[] = [];
/** The desk page of the ticket the SMTP test opened (with a reply's mail state on it). */
let deskTicket = '/desk';

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('dialog', (dialog) => void dialog.accept());
  adminApi = await apiSession(server.url, ADMIN);
});

beforeEach((context) =>
  screenshotOnFailure(context.onTestFailed, () => page, `admin-mail-${context.task.name}`),
);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(section: string): Promise<void> {
  await page.goto(`${server.url}/admin/${section}`);
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
}

/** The page, with the first incoming mail opened on the incoming-mail page; a desk path as it is. */
async function openWithDetail(section: string): Promise<void> {
  if (section.startsWith('/desk/')) {
    await page.goto(`${server.url}${section}`);
    await page.locator('[data-status]').first().waitFor();
    return;
  }
  await open(section);
  if (section !== 'mail/inbound') return;
  await page
    .getByRole('button', { name: /^Show mail/ })
    .first()
    .click();
  await page.getByRole('region', { name: /^Mail \d+$/ }).waitFor();
}

/** Sends a mail to the server's SMTP listener, as any mail client would. */
async function sendMail(mail: Mail.Options): Promise<void> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: server.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail(mail);
  } finally {
    transport.close();
  }
}

interface TicketRow {
  id: number;
  ticket_number: string;
  subject: string;
}

async function ticketWithSubject(subject: string): Promise<TicketRow | undefined> {
  const res = await adminApi.call<{ results: TicketRow[] }>(
    'GET',
    `/api/support/admin/tickets/?q=${encodeURIComponent(subject)}`,
  );
  return res.body.results.find((t) => t.subject === subject);
}

describe('mail screens', () => {
  it('shows an agent no mail menu, only “admins only”, and the API answers 403', async () => {
    await page.goto(`${server.url}/admin/mailboxes`);
    await page.waitForURL('**/app/login?next=%2Fadmin%2Fmailboxes');
    await staffLogin(page, AGENT);
    await page.waitForURL(/\/admin\/mailboxes$/);
    await expect.poll(() => page.getByRole('heading', { name: 'Admins only' }).count(), POLL).toBe(1);
    const nav = page.getByRole('navigation', { name: 'Admin' });
    for (const name of ['Mailboxes', 'Incoming mail', 'Mail templates']) {
      expect(await nav.getByRole('link', { name }).count(), name).toBe(0);
    }
    const agentApi = await apiSession(server.url, AGENT);
    for (const url of [
      '/api/support/admin/mailboxes/',
      '/api/support/admin/inbound-emails/',
      '/api/support/admin/mail-templates/',
    ]) {
      expect((await agentApi.call('GET', url)).status, url).toBe(403);
    }
    await page.getByRole('button', { name: 'Logout' }).click();
    await page.waitForURL('**/app/login');
  });

  it('adds a mailbox, shows its state, tests its connection and never shows the password back', async () => {
    await page.goto(`${server.url}/admin/mailboxes`);
    await staffLogin(page, ADMIN);
    await page.waitForURL(/\/admin\/mailboxes$/);
    const nav = page.getByRole('navigation', { name: 'Admin' });
    await nav.getByRole('link', { name: 'Mailboxes' }).waitFor();
    // The demo's mailbox, on the listener.
    const demo = page.getByTestId('mailbox-support@demo.test');
    await expect.poll(() => demo.textContent(), POLL).toContain('SMTP listener');

    const address = `sales-${randomBytes(3).toString('hex')}@demo.test`;
    await page.getByRole('button', { name: 'Add a mailbox' }).click();
    const form = page.getByRole('form', { name: 'Add a mailbox' });
    await form.getByLabel('Address', { exact: true }).fill(address);
    await form.getByLabel('Display name', { exact: true }).fill('Sales');
    // An IMAP server that is not there: port 1 on this machine refuses.
    await form.getByLabel('IMAP server', { exact: true }).fill('127.0.0.1');
    await form.getByLabel('Port', { exact: true }).fill('1');
    await form.getByLabel('User name', { exact: true }).fill('sales');
    await form.getByLabel('Password', { exact: true }).fill('imap-secret-pw');
    await form.getByRole('button', { name: 'Create' }).click();
    const row = page.getByTestId(`mailbox-${address}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Not checked');
    expect(await row.textContent()).toContain('SMTP listener + IMAP');

    await row.getByRole('button', { name: `Test connection ${address}` }).click();
    await expect.poll(() => row.getByRole('status').textContent(), POLL).toContain('Connection failed: IMAP');
    await expect.poll(() => row.textContent(), POLL).toContain('Error');
    expect(await row.textContent()).toContain('Last error');

    await row.getByRole('button', { name: `Edit ${address}` }).click();
    const edit = page.getByRole('form', { name: `Edit ${address}` });
    expect(await edit.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await edit.textContent()).toContain('A password is stored. Leave empty to keep it.');
    expect(await page.content()).not.toContain('imap-secret-pw');
    await edit.getByLabel('Display name', { exact: true }).fill('Sales team');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.textContent(), POLL).toContain('Sales team');
    const stored = await adminApi.call<{ results: { address: string; has_imap_password: boolean }[] }>(
      'GET',
      '/api/support/admin/mailboxes/',
    );
    expect(stored.body.results.find((m) => m.address === address)?.has_imap_password).toBe(true);

    await row.getByRole('button', { name: `Disable ${address}` }).click();
    await expect.poll(() => row.textContent(), POLL).toContain('disabled');
    await row.getByRole('button', { name: `Delete ${address}` }).click();
    await expect.poll(() => row.count(), POLL).toBe(0);
  });

  it(
    'opens a ticket from a mail sent to the SMTP listener, and shows the reply as sent, live',
    { timeout: 150_000 },
    async () => {
      const subject = `Parcel ${randomBytes(3).toString('hex')} is late`;
      await sendMail({
        from: 'Mia Mailer <mia.mailer@example.net>',
        to: 'support@demo.test',
        subject,
        text: 'Hello, where is my parcel?',
      });
      let ticket: TicketRow | undefined;
      await expect.poll(async () => (ticket = await ticketWithSubject(subject)), POLL).toBeDefined();
      deskTicket = `/desk/tickets/${ticket!.ticket_number}`;
      await page.goto(`${server.url}${deskTicket}`);
      await page.getByText('Hello, where is my parcel?').first().waitFor();

      // The agent answers (through the API) while the page is open: the reply and its mail state arrive live.
      const agentApi = await apiSession(server.url, AGENT);
      const reply = await agentApi.call<{ id: number }>('POST', `/api/support/tickets/${ticket!.id}/reply/`, {
        message: 'It left the warehouse today.',
      });
      expect(reply.status).toBe(201);
      const state = page.getByTestId(`delivery-${reply.body.id}`);
      await expect
        .poll(() => state.getAttribute('data-status').catch(() => null), POLL)
        .toMatch(/^(pending|sending|sent)$/);
      // The worker sends it (slow under load); then the open page must show it without a reload.
      const mailStatus = async () =>
        (
          await agentApi.call<{ results: { message: number | null; status: string }[] }>(
            'GET',
            `/api/support/tickets/${ticket!.id}/emails/`,
          )
        ).body.results.find((m) => m.message === reply.body.id)?.status;
      await expect.poll(mailStatus, { timeout: 90_000 }).toBe('sent');
      await expect.poll(() => state.getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');
      expect(await state.textContent()).toContain('Mail sent');
      expect(await state.textContent()).toContain('mia.mailer@example.net');
    },
  );

  it('keeps a malformed mail in Incoming mail, shows its source and retries it', async () => {
    const marker = `no-sender-${randomBytes(3).toString('hex')}`;
    const raw = [
      'To: support@demo.test',
      `Subject: ${marker}`,
      `Message-ID: <${marker}@example.net>`,
      '',
      'There is no From header.',
      '',
    ].join('\r\n');
    await sendMail({ envelope: { from: 'x@example.net', to: 'support@demo.test' }, raw });
    // Stored at once (250), processed by a job: wait until it is kept as failed.
    const failedIds = async () =>
      (
        await adminApi.call<{ results: { id: number; message_id: string }[] }>(
          'GET',
          '/api/support/admin/inbound-emails/?status=failed',
        )
      ).body.results
        .filter((m) => m.message_id === `<${marker}@example.net>`)
        .map((m) => m.id);
    await expect.poll(failedIds, POLL).toHaveLength(1);
    const [id] = await failedIds();
    await open('mail/inbound');
    const failed = page.getByTestId(`inbound-${id}`);
    expect(await failed.textContent()).toContain('no sender');
    await failed
      .first()
      .getByRole('button', { name: /^Show mail/ })
      .click();
    const detail = page.getByRole('region', { name: /^Mail \d+$/ });
    await detail.waitFor();
    await expect.poll(() => detail.textContent(), POLL).toContain(marker);
    expect(await detail.textContent()).toContain('There is no From header.');
    const download = detail.getByRole('link', { name: 'Download .eml' });
    expect(await download.getAttribute('href')).toMatch(
      /^\/api\/support\/admin\/inbound-emails\/\d+\/raw\/$/,
    );
    await detail.getByRole('button', { name: 'Retry processing' }).click();
    await expect.poll(() => detail.getByRole('status').textContent(), POLL).toBe('Processed again: Failed.');
    expect(await detail.textContent()).toContain('Attempts: 2');
  });

  it('pages through more incoming mail than one page holds, by the list cursor', async () => {
    const marker = `paged-${randomBytes(3).toString('hex')}`;
    const mail = (i: number) =>
      [
        'To: support@demo.test',
        `Subject: ${marker} ${i}`,
        `Message-ID: <${marker}-${i}@example.net>`,
        '',
        'No sender.',
        '',
      ].join('\r\n');
    for (let i = 0; i < 30; i++)
      await sendMail({ envelope: { from: 'x@example.net', to: 'support@demo.test' }, raw: mail(i) });
    const failed = async () =>
      (
        await adminApi.call<{ results: { id: number; message_id: string }[] }>(
          'GET',
          '/api/support/admin/inbound-emails/?status=failed&limit=100',
        )
      ).body.results;
    // Wait for all 30 of this test's mails, not just for 30 failed mails: an earlier test's failed mail
    // counts too, and would let the total be read while the last of these is still being processed.
    const ours = async () => (await failed()).filter((m) => m.message_id.startsWith(`<${marker}-`)).length;
    await expect.poll(ours, POLL).toBe(30);
    const total = (await failed()).length;
    await open('mail/inbound');
    const rows = page.locator('tbody tr[data-testid^="inbound-"]');
    await expect.poll(() => rows.count(), POLL).toBe(25);
    const more = page.getByRole('button', { name: 'Show more' });
    await more.click();
    await expect.poll(() => rows.count(), POLL).toBe(total);
    expect(await more.count()).toBe(0);
    const ids = await Promise.all((await rows.all()).map((row) => row.getAttribute('data-testid')));
    expect(new Set(ids).size).toBe(total); // no row twice across the pages
  });

  it('edits a mail template with a live preview filled for a sample ticket, then resets it', async () => {
    await open('mail/templates');
    await page.getByRole('combobox', { name: /^Mail\b/ }).selectOption('reply');
    const text = page.getByLabel('Text part');
    await text.fill('Dear {{customer.name}},\n{{message.text}}\nYours, {{agent.name}}');
    await expect
      .poll(() => page.getByTestId('mt-text-preview').textContent(), POLL)
      .toContain('Dear Jane Doe,\nThank you for your patience.');
    expect(await page.getByTestId('mt-subject').textContent()).toMatch(
      /^\[#.+-1042\] My order has not arrived$/,
    );
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('mt-state').textContent(), POLL).toBe('Customised');
    await text.fill('Hi {{customer.age}}');
    await expect.poll(() => page.getByRole('alert').count(), POLL).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Reset to default' }).click();
    await expect.poll(() => page.getByTestId('mt-state').textContent(), POLL).toBe('Default wording');
    expect(await text.inputValue()).toContain('{{message.text}}');
  });

  it('shows no English text on the mail pages in the German UI', async () => {
    const english = await untranslatedEnglish(ROOT);
    await open('mailboxes');
    await page.locator('header select').first().selectOption('de');
    onTestFinished(() =>
      page
        .locator('header select')
        .first()
        .selectOption('en')
        .then(() => undefined),
    );
    for (const section of PAGES) {
      await open(section);
      const leftover = (await visibleTexts(page)).filter((text) => english.has(text));
      expect(leftover, section).toEqual([]);
    }
    await page.locator('header select').first().selectOption('en');
  }, 120_000);

  it('has no serious or critical axe violations on the mail pages, light and dark, and fits 375 px', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const section of [...PAGES, deskTicket]) {
        await openWithDetail(section);
        const serious = (await axeViolations(page)).filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        );
        expect(serious, `${section} (${scheme})`).toEqual([]);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 375, height: 800 });
    for (const section of [...PAGES, deskTicket]) {
      await openWithDetail(section);
      const { scrollWidth, wide } = await overflowOf(page, 375);
      expect(scrollWidth, `${section}: ${wide.join(', ')}`).toBeLessThanOrEqual(375);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
