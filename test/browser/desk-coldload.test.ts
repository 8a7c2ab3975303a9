/**
 * The desk's cold load in Chromium (issue 13, bench/web.ts): the boot script asks for the session and the
 * inbox's first page while the bundle loads, and the app takes those answers instead of asking again —
 * for every view and for filters, sorts and a search in the URL — and preloads the desk's chunks; the
 * German catalogue loads only for a German UI. Needs `npm run build` first (see harness.ts).
 */
import type { Page, Request, Response, Route } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { staffLogin } from './desk-support.js';
import {
  launchChromium,
  screenshotOnFailure,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from './harness.js';

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(`${server.url}/app/login`);
  await staffLogin(page, 'agent1@demo.test');
  // Logged in once the desk shows (the login page has a heading too).
  await page.waitForURL(/\/desk/);
  await page.locator('section.inbox-main').waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(({ onTestFailed, task }) =>
  screenshotOnFailure(onTestFailed, () => page, `coldload-${task.name}`),
);

/** Loads `path` as a new document and returns the API GETs (first pages) it made until the inbox settled. */
async function load(path: string): Promise<string[]> {
  const calls: string[] = [];
  const record = (req: Request) => {
    const url = new URL(req.url());
    // A later page of the list (keyset scrolling, with a cursor) is not the first page asked again.
    if (url.pathname.startsWith('/api/') && req.method() === 'GET' && !url.searchParams.has('cursor'))
      calls.push(url.pathname);
  };
  page.on('request', record);
  // The header's lookups come after the rows (the filters ask for them once mounted): by then any
  // second request for the list would have been made.
  const lookups = page.waitForResponse((res) => res.url().includes('/api/support/admin/teams/'), {
    timeout: 60_000,
  });
  try {
    await page.goto(`${server.url}${path}`);
    await lookups;
    await page.locator('section.inbox-main[aria-busy="false"]').waitFor({ timeout: 60_000 });
  } finally {
    page.off('request', record);
  }
  return calls;
}

const count = (calls: string[], path: string) => calls.filter((c) => c === path).length;

describe('the desk cold load', () => {
  const paths = [
    '/desk',
    '/desk?view=all',
    '/desk?view=mine',
    '/desk?view=unassigned',
    '/desk?view=teams',
    '/desk?view=breaching',
    '/desk?view=pending',
    '/desk?view=all&status=open,new&priority=high&breached=true&sort=updated_at&q=password',
  ];
  for (const path of paths) {
    it(`asks for the session and the list once on ${path}`, async () => {
      const calls = await load(path);
      expect(count(calls, '/api/auth/me')).toBe(1);
      expect(count(calls, '/api/support/admin/tickets/')).toBe(1);
      expect(pageErrors).toEqual([]);
    });
  }

  it('shows the rows and preloads the desk chunks from the boot script', async () => {
    await load('/desk?view=all');
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    const preloaded = await page.evaluate<string[]>(
      "[...document.querySelectorAll('link[rel=modulepreload]')].map((l) => new URL(l.href).pathname)",
    );
    // The desk's frame and inbox are one chunk, the strings it shares with the admin console another
    // (web/chunk-plugin.ts).
    expect(preloaded.some((p) => /\/assets\/desk-/.test(p))).toBe(true);
    expect(preloaded.some((p) => /\/assets\/staff-/.test(p))).toBe(true);
  });

  it('loads the German catalogue only for a German UI', async () => {
    const german: string[] = [];
    const record = (req: Request) => {
      if (/\/assets\/de-[^/]+\.js$/.test(new URL(req.url()).pathname)) german.push(req.url());
    };
    page.on('request', record);
    try {
      await page.evaluate("localStorage.setItem('bfg2-support.language', 'en')");
      await load('/desk?view=all');
      expect(german).toEqual([]);
      await page.evaluate("localStorage.setItem('bfg2-support.language', 'de')");
      await load('/desk?view=all');
      expect(german).toHaveLength(1);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Alle');
      expect(await page.evaluate('document.documentElement.lang')).toBe('de');
    } finally {
      page.off('request', record);
      await page.evaluate("localStorage.setItem('bfg2-support.language', 'en')");
    }
  });

  it("gets the desk's files compressed, cached for good under /assets, and index.html revalidated", async () => {
    const responses: Response[] = [];
    const record = (res: Response) => responses.push(res);
    page.on('response', record);
    try {
      await load('/desk?view=all');
    } finally {
      page.off('response', record);
    }
    const document = responses.find((r) => new URL(r.url()).pathname === '/desk');
    expect(document?.headers()['cache-control']).toBe('no-cache');
    const assets = responses.filter((r) => /^\/assets\/.+\.(js|css)$/.test(new URL(r.url()).pathname));
    expect(assets.length).toBeGreaterThan(3);
    for (const asset of assets) {
      const headers = await asset.allHeaders();
      expect(headers['cache-control'], asset.url()).toBe('public, max-age=31536000, immutable');
      // Every script and stylesheet of the desk is big enough for the build to compress it.
      expect(['br', 'gzip'], asset.url()).toContain(headers['content-encoding']);
    }
  });
});

describe("the inbox's keyset scrolling", () => {
  /**
   * Serves the list from the real first page, and every later page as a copy of it under new ids with a
   * cursor to one more: a list without end, so only the page itself can stop asking.
   */
  async function endlessList(asked: Set<string>): Promise<() => Promise<void>> {
    const pattern = /\/api\/support\/admin\/tickets\/\?/;
    const handler = async (route: Route) => {
      const url = new URL(route.request().url());
      const cursor = url.searchParams.get('cursor');
      if (!cursor) return route.continue();
      // A refetch of the pages shown (the list going stale) asks for them again: the set counts each once.
      asked.add(cursor);
      url.searchParams.delete('cursor');
      const first = (await (await route.fetch({ url: url.toString() })).json()) as {
        results: { id: number; ticket_number: string }[];
      };
      const n = Number(cursor.replace('page-', ''));
      const results = first.results.map((t) => ({
        ...t,
        id: t.id + n * 100_000,
        ticket_number: `${t.ticket_number}-${n}`,
      }));
      return route.fulfill({ json: { ...first, results, next_cursor: `page-${n + 1}` } });
    };
    // The first page points to the endless ones.
    const firstPage = async (route: Route) => {
      const url = new URL(route.request().url());
      if (url.searchParams.get('cursor')) return route.fallback();
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown>;
      return route.fulfill({ response, json: { ...body, next_cursor: 'page-1' } });
    };
    await page.route(pattern, handler);
    await page.route(pattern, firstPage);
    return async () => {
      await page.unroute(pattern, firstPage);
      await page.unroute(pattern, handler);
    };
  }

  const settle = () => page.waitForTimeout(1_500);
  // Loading the URL the page shows is a reload, and a reload scrolls back to where the last test left it.
  beforeEach(async () => {
    await page.goto('about:blank');
  });

  it('asks for one page each time the end of the list comes into view, never more', async () => {
    const asked = new Set<string>();
    const stop = await endlessList(asked);
    try {
      await load('/desk?view=all');
      await settle();
      // 50 rows fill the window: nothing more until the agent scrolls.
      expect([...asked]).toEqual([]);
      await page.locator('.sentinel').scrollIntoViewIfNeeded();
      await expect.poll(() => asked.size).toBe(1);
      await page.locator('tbody tr').nth(99).waitFor();
      await settle();
      expect([...asked]).toEqual(['page-1']);
      await page.locator('.sentinel').scrollIntoViewIfNeeded();
      await expect.poll(() => asked.size).toBe(2);
      await settle();
      expect([...asked]).toEqual(['page-1', 'page-2']);
    } finally {
      await stop();
    }
  });

  it('asks for one page, not page after page, while the end of the list stays in view', async () => {
    const asked = new Set<string>();
    const stop = await endlessList(asked);
    // Taller than 150 rows: the end of the list stays in view after every page.
    await page.setViewportSize({ width: 1280, height: 9_000 });
    try {
      await load('/desk?view=all');
      await settle();
      // At most the one page of the sentinel's first sighting (when the rows were there by then).
      expect(asked.size).toBeLessThanOrEqual(1);
      const before = asked.size;
      // The button asks for the next one, and that is all.
      await page.getByRole('button', { name: 'Load more' }).click();
      await expect.poll(() => asked.size).toBe(before + 1);
      await page
        .locator('tbody tr')
        .nth(50 * (before + 2) - 1)
        .waitFor();
      await settle();
      expect(asked.size).toBe(before + 1);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
      await stop();
    }
  });
});
