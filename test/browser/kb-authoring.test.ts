/**
 * KB authoring in Chromium (issue 15, point 4), as an agent (all staff author): an article written in
 * the Markdown editor shows the help centre's rendering as it is typed, is published and then read on
 * the help centre; its German translation opens side by side; the dashboard shows the deflection
 * figures and the searches that found nothing. axe-core on the KB pages, German without English left
 * over, 375 px without sideways scrolling. Screenshot: admin-kb-editor.png.
 * Needs `npm run build` first (see harness.ts).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, englishOnlyTexts, staffLogin, visibleTexts } from './desk-support.js';
import {
  launchChromium,
  screenshotOnFailure,
  SHOTS_DIR,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from './harness.js';

const AGENT = 'agent1@demo.test';
const MISSED = 'flux capacitor warranty';

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
let articleUrl = '';
const pageErrors: string[] = [];
const POLL = { timeout: 15_000 };

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  // A help-centre search that finds nothing lands in the search-misses list.
  await fetch(`${server.url}/api/support/kb/search/?q=${encodeURIComponent(MISSED)}&workspace=demo`);
});

beforeEach((context) => screenshotOnFailure(context.onTestFailed, () => page, `kb-${context.task.name}`));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS_DIR, name), fullPage: true });

async function open(url: string): Promise<void> {
  await page.goto(`${server.url}${url}`);
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
}

describe('KB authoring', () => {
  it('writes an article with a live preview, publishes it, and the help centre shows it', async () => {
    await page.goto(`${server.url}/admin/kb`);
    await staffLogin(page, AGENT);
    await page.waitForURL(/\/admin\/kb$/);
    // The dashboard's figures arrive after the link: clicked before, the link may have moved under the pointer.
    await page.waitForLoadState('networkidle');
    await page.getByRole('link', { name: 'New article' }).click();
    // The link's navigation and the editor's render fail apart (a failure prints the page's URL and text).
    await page.waitForURL(/\/admin\/kb\/articles\/new$/);
    await page.getByRole('textbox', { name: 'Title' }).fill('Returning a damaged parcel');
    await page
      .getByRole('textbox', { name: 'Markdown' })
      .fill('## Before you send it\n\nTake **photos** of the box.\n\n<script>alert(1)</script>');
    const preview = page.getByTestId('kb-preview');
    await expect.poll(() => preview.innerHTML(), POLL).toContain('<strong>photos</strong>');
    expect(await preview.locator('h2').textContent()).toBe('Before you send it');
    expect(await preview.locator('script').count()).toBe(0);
    await page.getByLabel('Status').selectOption('published');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/admin\/kb\/articles\/\d+$/);
    const view = page.getByRole('link', { name: 'View in the help centre' });
    await view.waitFor();
    articleUrl = (await view.getAttribute('href')) ?? '';
    await shot('admin-kb-editor.png');
    const site = await fetch(`${server.url}${articleUrl}`);
    expect(site.status).toBe(200);
    const html = await site.text();
    expect(html).toContain('Returning a damaged parcel');
    expect(html).toContain('<strong>photos</strong>');
  });

  it('translates it and shows both side by side', async () => {
    await page.getByRole('link', { name: 'Translate into Deutsch' }).click();
    await page.waitForURL(/articles\/new\?translation_of=/);
    await page.getByRole('textbox', { name: 'Title' }).fill('Ein beschädigtes Paket zurücksenden');
    await page.getByRole('textbox', { name: 'Markdown' }).fill('## Vor dem Versand\n\nMachen Sie **Fotos**.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/admin\/kb\/articles\/\d+$/);
    const sides = page.getByTestId('side-by-side');
    await sides.waitFor();
    expect(await sides.locator('[lang="de"] h3').textContent()).toBe('Ein beschädigtes Paket zurücksenden');
    await expect
      .poll(() => sides.locator('[lang="en"] h3').textContent(), POLL)
      .toBe('Returning a damaged parcel');
    expect(await sides.textContent()).toContain('Returning a damaged parcel');
    expect(await sides.textContent()).toContain('Ein beschädigtes Paket zurücksenden');
  });

  it('shows the deflection figures and the searches that found nothing', async () => {
    await open('/admin/kb');
    await page.getByTestId('deflection').locator('.figure').first().waitFor();
    expect(await page.getByTestId('deflection').locator('.figure').count()).toBe(5);
    await page.getByRole('row', { name: new RegExp(MISSED) }).waitFor();
    await page
      .getByRole('row', { name: new RegExp(MISSED) })
      .getByRole('button', { name: 'Write an article' })
      .click();
    await page.waitForURL(/articles\/new\?title=/);
    expect(await page.getByRole('textbox', { name: 'Title' }).inputValue()).toBe(MISSED);
  });

  it('has no serious or critical axe violations, speaks German, and fits 375 px', async () => {
    const pages = ['/admin/kb', articleUrl ? await editorUrl() : '/admin/kb/articles/new'];
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const url of pages) {
        await open(url);
        const serious = (await axeViolations(page)).filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        );
        expect(serious, `${url} (${scheme})`).toEqual([]);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });

    const english = await englishOnlyTexts();
    await open('/admin/kb');
    await page.locator('header select').first().selectOption('de');
    for (const url of pages) {
      await open(url);
      expect(
        (await visibleTexts(page)).filter((text) => english.has(text)),
        url,
      ).toEqual([]);
    }
    await page.locator('header select').first().selectOption('en');

    await page.setViewportSize({ width: 375, height: 800 });
    for (const url of pages) {
      await open(url);
      expect(await page.evaluate('document.documentElement.scrollWidth'), url).toBeLessThanOrEqual(375);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(pageErrors).toEqual([]);
  }, 240_000);
});

/** The editor URL of the published article (the help-centre link's page was the editor). */
async function editorUrl(): Promise<string> {
  await open('/admin/kb');
  const href = await page.getByRole('link', { name: 'Returning a damaged parcel' }).getAttribute('href');
  return href ?? '/admin/kb/articles/new';
}
