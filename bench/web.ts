/**
 * The desk's cold load in Chromium: from navigation to the first inbox row (fresh browser context, so
 * no HTTP cache; logged in by cookie), the JavaScript it downloaded (raw and gzip), the requests made and
 * the renderer main thread's busy time before the row (wall and thread CPU, from a performance trace),
 * next to two baselines measured in the same run: the same page's API calls timed bare with fetch, and a
 * bare page in the same browser (static HTML that makes the same API calls at once and writes one row —
 * the floor of what a browser page can do here).
 *
 *   npm run build && npx tsx bench/web.ts [--runs 5] [--trace]
 *
 * --trace also samples the V8 profiler and prints the top self-time functions and the request waterfall
 * of the last run. Targets (issue 13): first row < 1000 ms on localhost with the demo data; initial JS
 * < 250 kB gzip.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer } from '../test/browser/harness.js';
import { accessLog, servedBetween, type Served } from './web-served.js';
import {
  FIRST_ROW_MARK,
  mainThreadFigures,
  parseTrace,
  traceCategories,
  type MainThreadFigures,
} from './web-trace.js';

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const TRACE = process.argv.includes('--trace');
const PATH = '/desk?view=all';
/** What the boot script (web/src/boot/boot.ts) asks for on PATH besides the session: view=all's first page. */
const LIST = '/api/support/admin/tickets/?sort=created_at&limit=50';
const BARE_PATH = '/__bench/bare-inbox';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const kb = (x: number) => `${(x / 1024).toFixed(1)} kB`;

/** Marks the first `tbody tr` in the trace (and on window) the moment it enters the DOM. */
const markFirstRow = `(() => {
  const seen = () => {
    if (!document.querySelector('tbody tr')) return false;
    window.__firstRow = performance.now();
    console.timeStamp(${JSON.stringify(FIRST_ROW_MARK)});
    return true;
  };
  const observer = new MutationObserver(() => { if (seen()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** The floor: one HTML page that asks for the same API calls at once and writes the first ticket's row. */
function barePage(calls: string[]): string {
  const list = calls.find((c) => c.startsWith('/api/support/admin/tickets/')) ?? '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title></head><body>
<table><tbody></tbody></table>
<script type="module">
const calls = ${JSON.stringify(calls)};
const answers = calls.map((c) => fetch(c, { credentials: 'same-origin' }).then((r) => r.json()));
const list = await answers[calls.indexOf(${JSON.stringify(list)})];
const row = document.createElement('tr');
for (const text of [list.results[0].ticket_number, list.results[0].subject]) {
  const cell = document.createElement('td');
  cell.textContent = text;
  row.append(cell);
}
document.querySelector('tbody').append(row);
</script></body></html>`;
}

/** One request of the page as the page itself timed it (Resource Timing, ms from navigation start). */
interface Timing {
  url: string;
  type: string;
  start: number;
  /** From asked to sent: waiting for a connection (six per host over HTTP/1.1) or for the browser. */
  queued: number;
  /** From sent to the answer's first byte. */
  server: number;
  end: number;
  bytes: number;
}

/** The page's document and requests up to the first row, from its own Resource Timing entries. */
const resourceTimings = `(() => {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  return entries
    .filter((e) => e.startTime <= window.__firstRow)
    .map((e) => ({
      url: e.name,
      type: e.initiatorType,
      start: e.startTime,
      queued: e.requestStart > 0 ? e.requestStart - e.startTime : 0,
      server: e.requestStart > 0 ? e.responseStart - e.requestStart : 0,
      end: e.responseEnd,
      bytes: e.transferSize,
    }))
    .sort((a, b) => a.start - b.start);
})()`;

interface Load {
  firstRow: number;
  /** The same moment on the page's own clock: from navigation start (performance.timeOrigin). */
  firstRowInPage: number;
  requestsBefore: number;
  scripts: Buffer[];
  calls: string[];
  meDone?: number;
  listStart?: number;
  listDone?: number;
  /** The load's span on the machine's clock (epoch ms): navigation asked → first row seen. */
  wallFrom: number;
  wallTo: number;
  main: MainThreadFigures | null;
  waterfall: string[];
  /** The list's request on the page's clock (Resource Timing): asked, answer received in full. */
  listInPage?: { asked: number; answered: number };
}

/** One cold load of `path` in a fresh context, traced. */
async function coldLoad(
  browser: Browser,
  origin: string,
  cookie: string,
  path: string,
  bare?: string,
): Promise<Load> {
  const [name = '', value = ''] = cookie.split('=');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies([{ name, value, url: origin }]);
  await context.addInitScript(markFirstRow);
  if (bare)
    await context.route(`${origin}${BARE_PATH}`, (route) =>
      route.fulfill({ contentType: 'text/html', body: bare }),
    );
  const page: Page = await context.newPage();
  const scripts: Promise<Buffer>[] = [];
  const calls: string[] = [];
  const times: Record<string, number> = {};
  const requests: { url: string; start: number }[] = [];
  let start = 0;
  page.on('request', (req) => {
    const at = performance.now() - start;
    requests.push({ url: req.url(), start: at });
    if (req.url().includes('/api/support/admin/tickets/')) times.listStart ??= at;
  });
  page.on('requestfinished', (req) => {
    const at = performance.now() - start;
    if (req.url().endsWith('/api/auth/me')) times.meDone ??= at;
    if (req.url().includes('/api/support/admin/tickets/')) times.listDone ??= at;
  });
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') scripts.push(res.body());
    const url = new URL(res.url());
    // The event stream never ends: it is not one of the calls the first row waits for.
    const stream = (res.headers()['content-type'] ?? '').startsWith('text/event-stream');
    if (url.pathname.startsWith('/api/') && !stream) calls.push(url.pathname + url.search);
  });
  await browser.startTracing(page, { categories: traceCategories(TRACE) });
  const wallFrom = Date.now();
  start = performance.now();
  // Returns when the navigation commits, not at the load event: the row can come before `load` (which
  // also waits for the favicon and images), and a user sees the row, not the event.
  await page.goto(`${origin}${path}`, { waitUntil: 'commit' });
  await page.locator('tbody tr').first().waitFor({ timeout: 60_000 });
  const firstRow = performance.now() - start;
  const wallTo = wallFrom + firstRow;
  const firstRowInPage = await page.evaluate<number>('window.__firstRow');
  const main = mainThreadFigures(parseTrace(await browser.stopTracing()));
  const before = requests.filter((r) => r.start <= firstRow);
  const timings = await page.evaluate<Timing[]>(resourceTimings);
  const listTiming = timings.find((r) => new URL(r.url).pathname === '/api/support/admin/tickets/');
  const waterfall = timings.map(
    (r) =>
      `${r.start.toFixed(0).padStart(6)} → ${r.end.toFixed(0).padStart(6)} ms  queued ${r.queued.toFixed(0).padStart(4)}, server ${r.server.toFixed(0).padStart(4)} ms ${kb(r.bytes).padStart(9)}  ${r.type.padEnd(14)} ${new URL(r.url).pathname.slice(0, 60)}`,
  );
  const result = {
    firstRow,
    firstRowInPage,
    requestsBefore: before.length,
    scripts: await Promise.all(scripts),
    calls,
    main,
    waterfall,
    listInPage: listTiming ? { asked: listTiming.start, answered: listTiming.end } : undefined,
    wallFrom,
    wallTo,
    ...times,
  };
  await context.close();
  return result;
}

// The server runs in a process of its own (harness.ts), with its access log on for its own timings.
const log = accessLog();
const server = await startServer({ env: { LOG_LEVEL: 'info' }, onOutput: log.onOutput });
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

  // The boot's calls right after the start (the server's first requests: cold caches, new connections),
  // one by one, then once more: what the client waited for and what the server says it spent.
  const timeCall = async (path: string) => {
    const from = Date.now();
    const started = performance.now();
    const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
    await res.arrayBuffer();
    // The access log's line is written once the answer has gone out, a moment after the client has it.
    return { path, ms: performance.now() - started, from, to: Date.now() + 20 };
  };
  const firstCalls = [];
  for (const round of ['first', 'again']) {
    for (const path of ['/api/auth/me', LIST]) firstCalls.push({ round, ...(await timeCall(path)) });
  }

  // Product and bare page alternate, so both see the same load.
  const desk: Load[] = [];
  const bare: Load[] = [];
  for (let run = 0; run < RUNS; run++) {
    desk.push(await coldLoad(browser, server.url, cookie, PATH));
    bare.push(await coldLoad(browser, server.url, cookie, BARE_PATH, barePage(desk[0]?.calls ?? [])));
  }
  const last = desk[desk.length - 1];
  const apiCalls = last?.calls ?? [];
  const jsRaw = (last?.scripts ?? []).reduce((sum, b) => sum + b.length, 0);
  const jsGzip = (last?.scripts ?? []).reduce((sum, b) => sum + gzipSync(b).length, 0);

  // The API baseline: the calls the page made, without a browser.
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

  // The access log is written asynchronously: its last lines may still be on their way.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const servedIn = (l: { wallFrom: number; wallTo: number } | { from: number; to: number }) =>
    'wallFrom' in l
      ? servedBetween(log.served, l.wallFrom, l.wallTo)
      : servedBetween(log.served, l.from, l.to);
  const serverMs = (entries: Served[], match: (url: string) => boolean) =>
    entries.find((e) => match(e.url))?.ms;
  const isList = (url: string) => url.startsWith('/api/support/admin/tickets/');
  const isMe = (url: string) => url === '/api/auth/me';

  const of = (loads: Load[], pick: (l: Load) => number | undefined) =>
    median(loads.map(pick).filter((x): x is number => x !== undefined));
  const mainOf = (loads: Load[], key: keyof Omit<MainThreadFigures, 'selfTime' | 'longTasks'>) =>
    of(loads, (l) => l.main?.[key]);
  const loadavg = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`desk cold load, ${RUNS} runs, ${PATH} as agent1 (demo data), load ${loadavg}`);
  console.log(
    `  first inbox row (Chromium)    median ${ms(of(desk, (l) => l.firstRow))}  (min ${ms(Math.min(...desk.map((l) => l.firstRow)))})`,
  );
  console.log(
    `  bare page, same calls + 1 row median ${ms(of(bare, (l) => l.firstRow))}  (min ${ms(Math.min(...bare.map((l) => l.firstRow)))})`,
  );
  console.log(
    `  same, on the page's clock     desk median ${ms(of(desk, (l) => l.firstRowInPage))}, bare page ${ms(of(bare, (l) => l.firstRowInPage))} (navigation start → row in the DOM)`,
  );
  console.log(
    `  ratio desk / bare page        ${(of(desk, (l) => l.firstRow) / of(bare, (l) => l.firstRow)).toFixed(2)}x`,
  );
  console.log(
    `  of which: session known at ${ms(of(desk, (l) => l.meDone))}, ticket list asked at ${ms(of(desk, (l) => l.listStart))}, answered at ${ms(of(desk, (l) => l.listDone))}`,
  );
  console.log(
    `  the list on the page's clock  asked at ${ms(of(desk, (l) => l.listInPage?.asked))}, answered at ${ms(of(desk, (l) => l.listInPage?.answered))} (desk); bare page ${ms(of(bare, (l) => l.listInPage?.asked))} → ${ms(of(bare, (l) => l.listInPage?.answered))}`,
  );
  console.log(
    `  the server's own time (log)   session ${ms(of(desk, (l) => serverMs(servedIn(l), isMe)))}, list ${ms(of(desk, (l) => serverMs(servedIn(l), isList)))} (medians); API answers before the row ${of(desk, (l) => servedIn(l).length)}, ${ms(of(desk, (l) => servedIn(l).reduce((sum, e) => sum + e.ms, 0)))} in all`,
  );
  console.log(
    `  first run's server times      ${
      desk[0]
        ? servedIn(desk[0])
            .map((e) => `${e.url.split('?')[0]} ${e.ms.toFixed(1)}`)
            .join(', ')
        : ''
    }`,
  );
  for (const round of ['first', 'again']) {
    const calls = firstCalls.filter((c) => c.round === round);
    console.log(
      `  boot calls bare, ${round === 'first' ? "server's first" : 'once more    '} ${calls.map((c) => `${c.path.split('?')[0]} ${ms(c.ms)} (server ${ms(serverMs(servedIn(c), (u) => u === c.path) ?? NaN)})`).join(', ')}`,
    );
  }
  for (const [label, loads] of [
    ['desk', desk],
    ['bare', bare],
  ] as const) {
    console.log(
      `  ${label} main thread before row  busy ${ms(mainOf(loads, 'busyMs'))}, CPU ${ms(mainOf(loads, 'cpuMs'))} of ${ms(mainOf(loads, 'spanMs'))}; script ${ms(mainOf(loads, 'scriptMs'))}, compile ${ms(mainOf(loads, 'compileMs'))}, style+layout ${ms(mainOf(loads, 'styleLayoutMs'))}, forced layouts ${mainOf(loads, 'forcedLayouts')}; requests ${of(loads, (l) => l.requestsBefore)}`,
    );
  }
  console.log(
    `  JS downloaded                 ${kb(jsRaw)} raw, ${kb(jsGzip)} gzip in ${last?.scripts.length} files (target < 250 kB gzip)`,
  );
  console.log(
    `  API calls of the page         ${apiCalls.length}: ${[...new Set(apiCalls.map((c) => c.split('?')[0]))].join(', ')}`,
  );
  console.log(`  same calls bare, all at once  median ${ms(median(parallel))}`);
  console.log(`  same calls bare, one by one   median ${ms(median(sequential))}`);
  console.log(
    `  ratio first row / bare calls  ${(of(desk, (l) => l.firstRow) / median(parallel)).toFixed(1)}x`,
  );
  if (TRACE && last) {
    console.log(
      "\n  requests before the first row (last run, the page's Resource Timing; bytes transferred):",
    );
    for (const line of last.waterfall) console.log(`    ${line}`);
    console.log(
      "\n  the same run in the server's access log (answer written, ms after navigation asked; its own time):",
    );
    for (const e of log.served.filter((x) => x.at >= last.wallFrom && x.at <= last.wallTo))
      console.log(
        `    ${String(e.at - last.wallFrom).padStart(6)} ms  ${e.ms.toFixed(1).padStart(6)} ms  ${e.url.split('?')[0]}`,
      );
    const self = [...(last.main?.selfTime ?? new Map<string, number>())]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20);
    console.log(
      "\n  the main thread's tasks of 4 ms or more before the first row (last run; ms from navigation start):",
    );
    for (const line of last.main?.longTasks ?? []) console.log(`    ${line}`);
    console.log('\n  top self time before the first row (last run, V8 sampler):');
    for (const [fn, t] of self) console.log(`    ${t.toFixed(1).padStart(7)} ms  ${fn}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
