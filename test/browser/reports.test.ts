/**
 * The reports dashboard in Chromium (issue 16, point 4): an admin (the workspace's manager) opens
 * /desk/reports from the desk header on the demo data, sees the charts and their tables with the very
 * figures GET /api/support/stats/ answers, narrows by channel (the URL and the figures change), and axe
 * finds nothing serious in the light and the dark theme; at 375 px the cards stack without sideways
 * scrolling and the entry sits in the header menu. An agent gets no entry, a notice instead of figures,
 * and 403 from the API. Needs `npm run build` first (see harness.ts).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiSession, axeViolations, staffLogin } from './desk-support.js';
import {
  launchChromium,
  screenshotOnFailure,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from './harness.js';

const ADMIN = 'admin@demo.test';
const AGENT = 'agent1@demo.test';
// The demo's tickets lie before its anchor (2026-11-02): a fixed range keeps the figures fixed.
const RANGE = 'from=2026-06-01&to=2026-11-30&granularity=month';
const POLL = { timeout: 20_000 };

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;

interface Stats {
  created: number;
  resolved: number;
  reopened: number;
  backlog: number;
  by_channel: Record<string, number>;
  csat: { distribution: Record<string, number> };
  agents: { agent: { name: string }; assigned: number; public_replies: number; resolved: number }[];
  series: { period: string; created: number; resolved: number; reopened: number; backlog: number }[];
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
});

beforeEach((context) =>
  screenshotOnFailure(context.onTestFailed, () => page, `reports-${context.task.name}`),
);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The body rows of a card's table (the <details> opened first), cell texts trimmed. */
async function tableRows(testId: string): Promise<string[][]> {
  const card = page.getByTestId(testId);
  const details = card.locator('details');
  if (
    (await details.count()) > 0 &&
    !(await details.evaluate((d) => (d as unknown as { open: boolean }).open))
  ) {
    await details.locator('summary').click();
  }
  const out: string[][] = [];
  for (const row of await card.getByTestId(`${testId}-table`).locator('tbody tr').all()) {
    out.push((await row.locator('th, td').allInnerTexts()).map((text) => text.trim()));
  }
  return out;
}

const summary = (metric: string) =>
  page.getByTestId('report-summary').locator(`[data-metric="${metric}"] dd`).innerText();

async function expectFigures(api: Stats): Promise<void> {
  await expect.poll(() => summary('created'), POLL).toBe(String(api.created));
  expect(await summary('resolved')).toBe(String(api.resolved));
  expect(await summary('reopened')).toBe(String(api.reopened));
  expect(await summary('backlog')).toBe(String(api.backlog));
  expect(await tableRows('report-volume')).toEqual(
    api.series.map((s) => [s.period, s.created, s.resolved, s.reopened, s.backlog].map(String)),
  );
  const channels = Object.entries(api.by_channel).sort((a, b) => b[1] - a[1]);
  expect((await tableRows('report-channels')).map((r) => r[1])).toEqual(channels.map(([, n]) => String(n)));
  expect((await tableRows('report-csat')).map((r) => r[1])).toEqual(
    ['1', '2', '3', '4', '5'].map((k) => String(api.csat.distribution[k] ?? 0)),
  );
  expect((await tableRows('report-agents')).map((r) => r.slice(0, 4))).toEqual(
    api.agents.map((a) => [a.agent.name, String(a.assigned), String(a.public_replies), String(a.resolved)]),
  );
}

describe('the reports dashboard', () => {
  it('shows an admin the figures the API answers, and follows a filter', async () => {
    const api = await apiSession(server.url, ADMIN);
    await page.goto(`${server.url}/desk`);
    await staffLogin(page, ADMIN);
    await page.waitForURL(/\/desk$/);
    await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL(/\/desk\/reports$/);
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();

    await page.goto(`${server.url}/desk/reports?range=custom&${RANGE}`);
    const all = await api.call<Stats>('GET', `/api/support/stats/?${RANGE}`);
    expect(all.status).toBe(200);
    expect(all.body.created).toBeGreaterThan(0);
    await expectFigures(all.body);
    // The charts are drawn (SVG with bars and lines), one per figure.
    for (const id of ['report-volume', 'report-backlog', 'report-times', 'report-sla', 'report-csat']) {
      await expect
        .poll(() => page.getByTestId(id).locator('svg.recharts-surface').count(), POLL)
        .toBeGreaterThan(0);
    }
    expect(await page.getByTestId('report-csat').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(
      0,
    );
    // Each table downloads as CSV through the export, with the same filters.
    const csv = await page
      .getByTestId('report-volume')
      .getByRole('link', { name: /Download CSV/ })
      .getAttribute('href');
    expect(csv).toContain('/api/support/stats/export.csv?');
    expect(csv).toContain('table=series');
    expect(csv).toContain('from=2026-06-01');

    // Narrow to e-mail: the URL keeps it, the figures are the API's for e-mail.
    await page.getByRole('combobox', { name: 'Channel', exact: true }).selectOption('email');
    await expect.poll(() => new URL(page.url()).searchParams.get('channel'), POLL).toBe('email');
    const email = await api.call<Stats>('GET', `/api/support/stats/?${RANGE}&channel=email`);
    expect(email.body.created).toBeLessThan(all.body.created);
    await expectFigures(email.body);
    expect(await tableRows('report-channels')).toEqual([['Email', String(email.body.created)]]);
  });

  it('has no serious or critical axe violations, light and dark, and stacks at 375 px', async () => {
    await page.goto(`${server.url}/desk/reports?range=custom&${RANGE}`);
    await page.getByTestId('report-summary').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(200);
      const serious = (await axeViolations(page)).filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );
      expect(serious, `${scheme}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByTestId('report-volume').waitFor();
    // The charts follow the new width a frame later (ResizeObserver); the page must settle within the fit.
    await expect
      .poll(() => page.evaluate<number>('document.documentElement.scrollWidth'), POLL)
      .toBeLessThanOrEqual(375);
    // The times chart's four axis labels ("Median, business" …) stand apart, none over its neighbour.
    const ticks = await page.getByTestId('report-times').locator('.report-wrapped-tick').all();
    const labels = await Promise.all(ticks.map((tick) => tick.boundingBox()));
    expect(labels).toHaveLength(4);
    for (let i = 1; i < labels.length; i++) {
      const [left, right] = [labels[i - 1], labels[i]];
      expect(right!.x).toBeGreaterThanOrEqual(left!.x + left!.width);
    }
    const volume = await page.getByTestId('report-volume').boundingBox();
    const backlog = await page.getByTestId('report-backlog').boundingBox();
    expect(backlog!.y).toBeGreaterThan(volume!.y + volume!.height - 1); // stacked, not side by side
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('menuitem', { name: 'Reports' }).waitFor();
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: /^(Logout|Abmelden)$/ }).click();
    await page.waitForURL('**/app/login');
  });

  it('gives an agent no entry and no figures', async () => {
    await browser.context.clearCookies();
    await page.goto(`${server.url}/desk`);
    await staffLogin(page, AGENT);
    await page.waitForURL(/\/desk$/);
    const nav = page.getByRole('navigation', { name: 'Desk' });
    await nav.getByRole('link', { name: 'Inbox' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Reports' }).count()).toBe(0);
    await page.goto(`${server.url}/desk/reports?range=custom&${RANGE}`);
    await page.getByText('Reports are for admins').waitFor();
    expect(await page.getByTestId('report-summary').count()).toBe(0);
    const agent = await apiSession(server.url, AGENT);
    for (const url of [
      `/api/support/stats/?${RANGE}`,
      `/api/support/stats/export.csv?table=series&${RANGE}`,
    ]) {
      expect((await agent.call('GET', url)).status, url).toBe(403);
    }
  });
});
