/**
 * What the desk specs share beyond harness.ts: an API session for set-up and checks, the staff login
 * in the browser, axe-core run inside the page, and the texts of the page for the translation check.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, ROOT, startServer, type RunningBrowser, type RunningServer } from './harness.js';

const PASSWORD = 'demo-password';

export interface ApiSession {
  call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/**
 * Logs `email` in through the API (staff, or a customer of the demo workspace with `customer`) and calls
 * it with the session cookie and CSRF token.
 */
export async function apiSession(base: string, email: string, customer = false): Promise<ApiSession> {
  const login = await fetch(`${base}/api/auth/${customer ? 'customer/' : ''}login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(customer ? { 'x-workspace': 'demo' } : {}) },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!login.ok) throw new Error(`login of ${email} failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrf_token: csrf } = (await login.json()) as { csrf_token: string };
  return {
    async call<T>(method: string, path: string, body?: unknown) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrf,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as T };
    },
  };
}

/** Logs a staff member in on the login page (the desk redirected there). */
export async function staffLogin(page: Page, email: string): Promise<void> {
  await page.getByRole('tab', { name: 'Staff' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's WCAG 2.x A/AA violations of the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not apply.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate<AxeViolation[]>(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      })))
  `);
}

/** Every text the agent can read or hear: text nodes, and aria-label, placeholder, title and alt. */
/**
 * The English catalogue's strings that differ from their German translation (without placeholders):
 * any of them visible in the German UI is a string left untranslated.
 */
export async function englishOnlyTexts(): Promise<Set<string>> {
  const catalogues = (await import(path.join(ROOT, 'web/src/i18n/complete.ts'))) as Record<string, object>;
  const en = catalogues.completeEn as object;
  const de = catalogues.completeDe as object;
  const flat = (node: object, prefix = ''): [string, string][] =>
    Object.entries(node).flatMap(([k, v]) =>
      typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flat(v as object, `${prefix}${k}.`),
    );
  const german = new Map(flat(de));
  return new Set(
    flat(en)
      .filter(([key, text]) => german.get(key) !== text && !text.includes('{{'))
      .map(([, text]) => text),
  );
}

export async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label],[placeholder],[title],[alt]')) {
      for (const a of ['aria-label', 'placeholder', 'title', 'alt']) {
        const v = el.getAttribute(a);
        if (v && v.trim()) out.push(v.trim());
      }
    }
    return out;
  })()`);
}

/**
 * The English catalogue's texts that German translates differently (without {{placeholders}}): one of
 * them on a German page is a string the translation missed.
 */
export async function untranslatedEnglish(root: string): Promise<Set<string>> {
  const load = (file: string) =>
    import(path.join(root, 'web/src/i18n', file)) as Promise<Record<string, object>>;
  const flat = (node: object, prefix = ''): [string, string][] =>
    Object.entries(node).flatMap(([k, v]) =>
      typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flat(v as object, `${prefix}${k}.`),
    );
  const german = new Map(flat((await load('de.ts')).de as object));
  return new Set(
    flat((await load('en.ts')).en as object)
      .filter(([key, text]) => german.get(key) !== text && !text.includes('{{'))
      .map(([, text]) => text),
  );
}

/** The page's width and the first elements of <main> that stick out past `width` (for the 375 px checks). */
export async function overflowOf(
  page: Page,
  width: number,
): Promise<{ scrollWidth: number; wide: string[] }> {
  const wide = await page.evaluate<string[]>(`[...document.querySelectorAll('main *')]
    .filter((el) => el.getBoundingClientRect().right > ${width + 1})
    .slice(0, 3).map((el) => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right))`);
  return { scrollWidth: await page.evaluate<number>('document.documentElement.scrollWidth'), wide };
}

export interface AgentDesk {
  server: RunningServer;
  browser: RunningBrowser;
  page: Page;
  /** The same agent's API session, for set-up and checks. */
  api: ApiSession;
  /** Uncaught script errors of the page, for a spec's closing check. */
  pageErrors: string[];
}

/** A server with the demo, Chromium, and `email` logged in to the desk in it (and over the API). */
export async function openAgentDesk(email: string): Promise<AgentDesk> {
  const server = await startServer();
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const api = await apiSession(server.url, email);
  await page.goto(`${server.url}/desk`);
  await page.waitForURL('**/app/login?next=%2Fdesk');
  await staffLogin(page, email);
  await page.waitForURL(/\/desk$/);
  return { server, browser, page, api, pageErrors };
}
