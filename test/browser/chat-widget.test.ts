/**
 * The chat widget on a plain HTML page of another origin, in Chromium: the host page's hostile CSS does
 * not reach it (shadow DOM), it is used by keyboard alone, axe finds nothing, a visitor chats with an
 * agent answering through the API, and a reload resumes the chat with every line once.
 * Needs `npm run build` (dist/cli.js, dist/widget.js, web/dist) first (see harness.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { apiSession, axeViolations } from './desk-support.js';
import {
  launchChromium,
  screenshotOnFailure,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from './harness.js';

let server: RunningServer;
let browser: RunningBrowser;
let host: Server;
let hostUrl = '';
let page: Page | undefined;
const pageErrors: string[] = [];

const hostPage = (language: string) => `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>Shop</title>
<style>
  * { color: #f0f !important; font-size: 40px !important; }
  button { display: none !important; }
  div { border: 9px dashed red !important; }
</style></head>
<body><main><h1>Plain shop page</h1><a href="#top">Top</a></main>
<script src="${server.url}/widget.js" data-workspace="demo" data-language="${language}" async></script>
</body></html>`;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  host = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(hostPage(req.url?.includes('lang=de') ? 'de' : 'en'));
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise<void>((resolve) => host?.close(() => resolve()));
});

async function newPage(url: string): Promise<Page> {
  const p = await browser.context.newPage();
  p.setDefaultTimeout(15_000);
  p.on('pageerror', (err) => pageErrors.push(err.message));
  await p.goto(url);
  return p;
}

describe('the chat widget', () => {
  it('is small and served to other origins', async () => {
    const res = await fetch(`${server.url}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect((await res.arrayBuffer()).byteLength).toBeLessThan(60 * 1024);
  });

  it('chats by keyboard on a plain page, axe-clean, and resumes after a reload', async () => {
    screenshotOnFailure(onTestFailed, () => page, 'chat-widget');
    page = await newPage(hostUrl);
    const launcher = page.getByRole('button', { name: 'Chat with us' });
    await expect.poll(() => launcher.isVisible()).toBe(true);
    await launcher.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Chat with us' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect
      .poll(() => page!.getByRole('status').first().textContent())
      .toMatch(/agents? (is|are) online/);
    // The name field has focus; the rest by keyboard.
    await page.keyboard.type('Wanda Widget');
    await page.keyboard.press('Tab');
    await page.keyboard.type('wanda@example.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Is my order on its way?');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const log = page.getByRole('log', { name: 'Conversation' });
    await expect.poll(() => log.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // The agent sees the chat and answers through the API.
    const admin = await apiSession(server.url, 'admin@demo.test');
    const list = await admin.call<{ results: { ticket_id: number; customer: { email: string } }[] }>(
      'GET',
      '/api/support/chat/conversations/',
    );
    const chat = list.body.results.find((r) => r.customer.email === 'wanda@example.test');
    expect(chat).toBeDefined();
    const reply = await admin.call('POST', `/api/support/tickets/${chat!.ticket_id}/reply/`, {
      message: 'Yes, it ships today.',
    });
    expect(reply.status).toBe(201);
    await expect.poll(() => log.textContent(), { timeout: 15_000 }).toContain('Yes, it ships today.');

    // The visitor answers with Enter.
    await page.getByLabel('Your message').fill('Thank you!');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => {
        const t = await admin.call<{ messages: { message: string }[] }>(
          'GET',
          `/api/support/tickets/${chat!.ticket_id}/`,
        );
        return t.body.messages.map((m) => m.message);
      })
      .toContain('Thank you!');
    await expect
      .poll(() =>
        page!.evaluate<number>(
          `document.getElementById('bfg2-chat-widget').shadowRoot.querySelectorAll('.pending').length`,
        ),
      )
      .toBe(0);

    // A reload resumes the chat: every line once.
    await page.reload();
    await expect.poll(() => log.isVisible()).toBe(true);
    await expect.poll(() => log.textContent()).toContain('Thank you!');
    const lines = await log.locator('.line').allTextContents();
    expect(lines.filter((l) => l.includes('Yes, it ships today.'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('Thank you!'))).toHaveLength(1);

    // Escape closes it and gives the focus back to the launcher.
    await page.getByLabel('Your message').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await page.evaluate<string>('document.activeElement && document.activeElement.id')).toBe(
      'bfg2-chat-widget',
    );
    expect(pageErrors).toEqual([]);
  });

  it('speaks German on a German page', async () => {
    page = await newPage(`${hostUrl}?lang=de`);
    const launcher = page.getByRole('button', { name: 'Chatten Sie mit uns' });
    await expect.poll(() => launcher.isVisible()).toBe(true);
    await launcher.click();
    await expect.poll(() => page!.getByLabel('Ihre E-Mail-Adresse').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });
});
