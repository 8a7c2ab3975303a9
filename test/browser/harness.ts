/**
 * What the browser specs share: the built server started on a free port with a fresh data directory
 * and the demo seed, and a headless Chromium with a fresh profile. Nothing here builds anything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface RunningServer {
  url: string;
  /** The server's DATA_DIR (its mail outbox is DATA_DIR/outbox/*.eml). */
  dataDir: string;
  /** The port of its inbound SMTP listener (on 127.0.0.1). */
  smtpPort: number;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (nothing started here collides with anyone else's server). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The output so far of every server this file started and has not stopped (printed when a test fails). */
const runningLogs = new Set<() => string>();

function requireBuilt(relative: string, how: string): void {
  if (!existsSync(path.join(ROOT, relative))) throw new Error(`${relative} is missing: run \`${how}\` first`);
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer /healthz within 90 s:\n${output()}`);
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

export interface ServerOptions {
  /** Environment variables on top of the defaults below (e.g. LOG_LEVEL=info for the access log). */
  env?: Record<string, string>;
  /** Told every chunk the server writes to stdout or stderr (its log lines, as they come). */
  onOutput?: (text: string) => void;
}

/**
 * `node dist/cli.js serve --migrate --demo` on a free port with a fresh DATA_DIR: a process of its own
 * (with the embedded PostgreSQL's), never the caller's event loop.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  requireBuilt('dist/cli.js', 'npm run build');
  requireBuilt('web/dist/index.html', 'npm run build:web');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bfg2-browser-data-'));
  const smtpPort = await freePort();
  const child = spawn(process.execPath, ['dist/cli.js', 'serve', '--migrate', '--demo'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
      // `serve --demo` starts the inbound SMTP listener: on a free port too, so parallel runs never collide.
      SMTP_PORT: String(smtpPort),
      // One spec file logs in, signs up and resets from 127.0.0.1 more than 10 times a minute.
      AUTH_ATTEMPTS_PER_MINUTE: '1000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    options.onOutput?.(text);
  };
  const logTail = () => output;
  runningLogs.add(logTail);
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited(child);
      clearTimeout(force);
    }
    runningLogs.delete(logTail);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, dataDir, smtpPort, stop };
}

export interface RunningBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium (the system's; no browser is ever downloaded) with a fresh profile. */
export async function launchChromium(): Promise<RunningBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  }
  const profile = mkdtempSync(path.join(tmpdir(), 'bfg2-browser-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where failing specs leave their screenshots (BROWSER_SHOTS_DIR, else test/browser/.shots/). */
export const SHOTS_DIR = process.env.BROWSER_SHOTS_DIR ?? path.join(ROOT, 'test/browser/.shots');

/**
 * Registers, inside the running test, a screenshot of `page` written to SHOTS_DIR if the test fails
 * (call at the start of a test, or from beforeEach with the test's context). The log gets what CI keeps
 * when the screenshot is gone: the page's URL and visible text, and the tail of each running server's
 * output (LOG_LEVEL=warn: its warnings and errors).
 */
export function screenshotOnFailure(
  onTestFailed: (fn: () => Promise<void>) => void,
  page: () => Page | undefined,
  name: string,
): void {
  onTestFailed(async () => {
    const current = page();
    if (!current || current.isClosed()) return;
    mkdirSync(SHOTS_DIR, { recursive: true });
    const file = path.join(SHOTS_DIR, `${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`);
    await current.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    console.log(`screenshot of the failure: ${file}`);
    const text = await current
      .locator('body')
      .innerText({ timeout: 2_000 })
      .catch((err: Error) => `(no text: ${err.message})`);
    console.log(`the page at the failure: ${current.url()}\n${text.replace(/\s+/g, ' ').slice(0, 1_500)}`);
    for (const log of runningLogs)
      console.log(`the server's output (last 3,000 characters):\n${log().slice(-3_000)}`);
  });
}
