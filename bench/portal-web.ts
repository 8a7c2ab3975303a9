/**
 * The customer portal's initial JavaScript in Chromium (issue 15: < 150 kB gzip, customers are often on
 * phones): every script a fresh browser downloads to show a portal page, raw and gzip, for the login
 * page (a visitor), the ticket list and a ticket page (a logged-in customer), next to the desk's first
 * screen measured the same way in the same run (the baseline). Also lists the chunks each page loaded and
 * fails (exit 1) when a portal page loads one of the desk's or the admin console's own chunks.
 *
 *   npm run build && npx tsx bench/portal-web.ts [--quick]
 */
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { startServer } from '../test/browser/harness.js';

const QUICK = process.argv.includes('--quick');
const LIMIT_GZIP = 150 * 1024;
/** Chunks that only the desk or the admin console should ever load (their lazy entry points; `desk`: web/chunk-plugin.ts). */
const FOREIGN = /^(desk|DeskLayout|InboxScene|NewTicketScene-.*desk|StaffScene|TokensScene|useStaff|seen)-/;

const kb = (x: number) => `${(x / 1024).toFixed(1)} kB`;

async function login(base: string, path: string, body: object): Promise<{ name: string; value: string }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-workspace': 'demo' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`login at ${path} failed: ${res.status}`);
  const [name = '', value = ''] = ((res.headers.get('set-cookie') ?? '').split(';')[0] ?? '').split('=');
  return { name, value };
}

interface Load {
  raw: number;
  gzip: number;
  chunks: string[];
}

/** Opens `path` in a fresh context (nothing cached) and sums the scripts it downloaded until `ready`. */
async function measure(
  browser: Browser,
  base: string,
  path: string,
  ready: string,
  cookie?: { name: string; value: string },
): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  if (cookie) await context.addCookies([{ ...cookie, url: base }]);
  const page = await context.newPage();
  const scripts: Promise<{ name: string; body: Buffer }>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    const name = new URL(res.url()).pathname.split('/').pop() ?? '';
    scripts.push(res.body().then((body) => ({ name, body })));
  });
  await page.goto(`${base}${path}`);
  await page.locator(ready).first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  const loaded = await Promise.all(scripts);
  await context.close();
  return {
    raw: loaded.reduce((sum, s) => sum + s.body.length, 0),
    gzip: loaded.reduce((sum, s) => sum + gzipSync(s.body).length, 0),
    chunks: loaded.map((s) => s.name).sort(),
  };
}

const server = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
let failed = false;
try {
  const customer = await login(server.url, '/api/auth/customer/login', {
    email: 'customer1@demo.test',
    password: 'demo-password',
  });
  const agent = await login(server.url, '/api/auth/login', {
    email: 'agent1@demo.test',
    password: 'demo-password',
  });
  const mine = await fetch(`${server.url}/api/support/tickets/?limit=1`, {
    headers: { cookie: `${customer.name}=${customer.value}` },
  });
  const own = ((await mine.json()) as { results: { ticket_number: string }[] }).results[0]?.ticket_number;
  type Target = [label: string, path: string, ready: string, cookie?: { name: string; value: string }];
  const pages: Target[] = [
    ['portal login (visitor)', '/portal/login?workspace=demo', '#portal-email'],
    ['portal my tickets', '/portal', '.portal-tickets li, .portal-card p.muted', customer],
    ['portal new ticket (visitor)', '/portal/tickets/new?workspace=demo', '#ticket-subject'],
  ];
  if (!QUICK && own)
    pages.push(['portal ticket page', `/portal/tickets/${own}`, '#portal-ticket-title', customer]);
  const desk = await measure(browser, server.url, '/desk?view=all', 'tbody tr', agent);
  console.log(`initial JavaScript in a fresh Chromium (375 px), demo data${QUICK ? ' (--quick)' : ''}`);
  console.log(`  baseline: desk first screen   ${kb(desk.raw)} raw, ${kb(desk.gzip)} gzip`);
  for (const [label, path, ready, cookie] of pages) {
    const load = await measure(browser, server.url, path, ready, cookie);
    const foreign = load.chunks.filter((c) => FOREIGN.test(c));
    const verdict = load.gzip < LIMIT_GZIP && foreign.length === 0 ? 'ok' : 'OVER/FOREIGN';
    if (verdict !== 'ok') failed = true;
    console.log(
      `  ${label.padEnd(29)} ${kb(load.raw)} raw, ${kb(load.gzip)} gzip  (${((load.gzip / desk.gzip) * 100).toFixed(0)}% of the desk; limit 150 kB) ${verdict}`,
    );
    console.log(`    chunks: ${load.chunks.join(' ')}`);
    if (foreign.length > 0) console.log(`    desk/admin chunks loaded: ${foreign.join(' ')}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
process.exitCode = failed ? 1 : 0;
