/**
 * The knowledge base in a browser: a customer typing into the web ticket form is shown help articles
 * that may answer the question, and opening one lands on the server-rendered help centre; the help
 * centre itself reads, searches and takes a helpful vote without any script, on a phone-sized screen.
 * Needs `npm run build` and `npm run build:web` first (see harness.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startServer, type RunningBrowser, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
const pageErrors: string[] = [];
const shots = mkdtempSync(path.join(tmpdir(), 'bfg2-browser-shot-'));

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) pageErrors.push(msg.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The demo admin's deflection figures (GET /api/support/admin/kb/deflection/). */
async function deflectionFigures(): Promise<{
  sessions_deflected: number;
  sessions_with_suggestions: number;
}> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.test', password: 'demo-password' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const res = await fetch(`${server.url}/api/support/admin/kb/deflection/`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as { sessions_deflected: number; sessions_with_suggestions: number };
}

/** Deflection events the form sent, with the status the server answered. */
function watchDeflection(target: Page): { event: string; status: number }[] {
  const seen: { event: string; status: number }[] = [];
  target.on('response', (res) => {
    if (!res.url().includes('/api/support/kb/deflection/')) return;
    const body = res.request().postData() ?? '{}';
    seen.push({ event: (JSON.parse(body) as { event: string }).event, status: res.status() });
  });
  return seen;
}

describe('ticket deflection and the help centre in the browser', () => {
  it('suggests a help article while a visitor types a question into the ticket form', async () => {
    const events = watchDeflection(page);
    await page.goto(`${server.url}/app/tickets/new?workspace=demo`);
    await page.getByLabel('Subject').pressSequentially('How do I send back an item', { delay: 20 });
    const suggestions = page.getByRole('region', { name: 'These articles may answer your question' });
    const link = suggestions.getByRole('link', { name: 'How do I return an item?' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/kb/demo/en/returns');
    await page.screenshot({ path: path.join(shots, 'ticket-form-suggestions.png'), fullPage: true });
    console.log(`screenshots: ${shots}`);

    const [article] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await article.waitForLoadState();
    expect(await article.getByRole('heading', { level: 1 }).textContent()).toBe('How do I return an item?');
    await article.close();

    await expect
      .poll(() => events.map((e) => e.event))
      .toEqual(expect.arrayContaining(['suggestions_shown', 'article_opened']));
    expect(
      events.every((e) => e.status >= 200 && e.status < 300),
      JSON.stringify(events),
    ).toBe(true);
  });

  it('records a ticket sent after reading and starts a new deflection session', async () => {
    const events = watchDeflection(page);
    await page.getByLabel('Your email').fill('visitor@example.test');
    await page.getByLabel('How can we help?').fill('The return label does not print.');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByTestId('ticket-number').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toMatch(/^DEMO-\d+$/);
    await expect.poll(() => events.map((e) => e.event), { timeout: 10_000 }).toContain('ticket_submitted');
  });

  it('records left_without_ticket by beacon when a visitor opens an article and then leaves the form', async () => {
    const before = await deflectionFigures();
    await page.goto(`${server.url}/app/tickets/new?workspace=demo`);
    await page.getByLabel('Subject').pressSequentially('forgot my password', { delay: 20 });
    const link = page.getByRole('link', { name: 'Resetting your password' });
    await link.waitFor();
    const [article] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await article.close();
    // Leaving the form. The beacon leaves with the page (the test cannot see it): the admins' figures
    // show the session as deflected — suggestions shown, an article opened, left without a ticket.
    await page.goto(`${server.url}/kb/demo/en/`);
    await expect
      .poll(async () => (await deflectionFigures()).sessions_deflected, { timeout: 10_000 })
      .toBe(before.sessions_deflected + 1);
  });

  it('reads, searches and votes in the help centre on a phone, with no script at all', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/kb/demo/en/`);
    expect(await page.locator('script').count()).toBe(0);
    await page.getByRole('link', { name: 'Returns & refunds' }).first().waitFor();
    await page.screenshot({ path: path.join(shots, 'help-centre-home-phone.png'), fullPage: true });

    await page.getByRole('searchbox', { name: 'Search the help centre' }).fill('refnud');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/kb\/demo\/en\/search\?q=refnud/);
    expect(await page.locator('.notice').textContent()).toContain('Did you mean');
    const hit = page.getByRole('link', { name: 'When will I get my refund?' });
    await hit.waitFor();
    await page.screenshot({ path: path.join(shots, 'help-centre-search-phone.png'), fullPage: true });

    await hit.click();
    await page.getByRole('heading', { level: 1, name: 'When will I get my refund?' }).waitFor();
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width, 'nothing wider than the phone').toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Yes' }).click();
    await page.waitForURL(/voted=yes/);
    expect(await page.getByRole('status').textContent()).toContain('Thanks for your feedback');
    await page.screenshot({ path: path.join(shots, 'help-centre-article-phone.png'), fullPage: true });
  });

  it('raised no script errors and no CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
