/**
 * The desk's cold load in Chromium: from navigation to the first inbox row (fresh browser context, so
 * no HTTP cache; logged in by cookie), the JavaScript it downloaded (raw and gzip), next to the same
 * page's API calls timed bare with fetch in the same run (all at once, as the page issues them, and one
 * after the other).
 *
 *   npm run build && npx tsx bench/web.ts [--runs 5]
 *
 * Targets (issue 13): first row < 1000 ms on localhost with the demo data; initial JS < 250 kB gzip.
 */
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../test/browser/harness.js';

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const PATH = '/desk?view=all';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const kb = (x: number) => `${(x / 1024).toFixed(1)} kB`;

const server = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'agent1@demo.test', password: 'demo-password' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const [name = '', value = ''] = cookie.split('=');

  const firstRow: number[] = [];
  const meDone: number[] = [];
  const listStart: number[] = [];
  const listDone: number[] = [];
  let jsRaw = 0;
  let jsGzip = 0;
  let apiCalls: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    // A fresh context: nothing cached, nothing warmed in the page.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    const scripts: Promise<Buffer>[] = [];
    const calls: string[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.push(res.body());
      const url = new URL(res.url());
      // The event stream never ends: it is not one of the calls the first row waits for.
      const stream = (res.headers()['content-type'] ?? '').startsWith('text/event-stream');
      if (url.pathname.startsWith('/api/') && !stream) calls.push(url.pathname + url.search);
    });
    const start = performance.now();
    page.on('request', (req) => {
      if (req.url().includes('/api/support/admin/tickets/')) listStart.push(performance.now() - start);
    });
    page.on('requestfinished', (req) => {
      if (req.url().endsWith('/api/auth/me')) meDone.push(performance.now() - start);
      if (req.url().includes('/api/support/admin/tickets/')) listDone.push(performance.now() - start);
    });
    await page.goto(`${server.url}${PATH}`);
    await page.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    firstRow.push(performance.now() - start);
    const bodies = await Promise.all(scripts);
    jsRaw = bodies.reduce((sum, b) => sum + b.length, 0);
    jsGzip = bodies.reduce((sum, b) => sum + gzipSync(b).length, 0);
    apiCalls = calls;
    await context.close();
  }

  // The bare baseline: the API calls the page made, without a browser.
  const call = async (path: string) => {
    const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
    await res.arrayBuffer();
  };
  const parallel: number[] = [];
  const sequential: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let start = performance.now();
    await Promise.all(apiCalls.map(call));
    parallel.push(performance.now() - start);
    start = performance.now();
    for (const path of apiCalls) await call(path);
    sequential.push(performance.now() - start);
  }

  console.log(`desk cold load, ${RUNS} runs, ${PATH} as agent1 (demo data)`);
  console.log(
    `  first inbox row (Chromium)    median ${ms(median(firstRow))}  (min ${ms(Math.min(...firstRow))})`,
  );
  console.log(
    `  of which: session known at ${ms(median(meDone))}, ticket list asked at ${ms(median(listStart))}, answered at ${ms(median(listDone))}`,
  );
  console.log(`  JS downloaded                 ${kb(jsRaw)} raw, ${kb(jsGzip)} gzip (target < 250 kB gzip)`);
  console.log(
    `  API calls of the page         ${apiCalls.length}: ${[...new Set(apiCalls.map((c) => c.split('?')[0]))].join(', ')}`,
  );
  console.log(`  same calls bare, all at once  median ${ms(median(parallel))}`);
  console.log(`  same calls bare, one by one   median ${ms(median(sequential))}`);
  console.log(`  ratio first row / bare calls  ${(median(firstRow) / median(parallel)).toFixed(1)}x`);
} finally {
  await browser.close();
  await server.stop();
}
