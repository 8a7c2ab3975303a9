/**
 * GET answers asked for by the boot script (boot/boot.ts, a tiny script index.html loads before the app's
 * bundle) while the bundle still downloads and compiles: the API client takes each one once, for the
 * same URL (parameters in any order) and the same X-Workspace, instead of asking again.
 */

/** The staff member's chosen workspace (session.tsx): the boot script sends it too. */
export const WORKSPACE_KEY = 'bfg2-support.workspace';

export const ACCEPT = 'application/json, application/problem+json';

/** What the boot script leaves on window for the app. */
export interface EarlyAnswers {
  answers: Map<string, Promise<Response>>;
}

declare global {
  // Set by the boot script, read by the app: one page, two bundles.
  var bfg2Early: EarlyAnswers | undefined;
}

/** One key per GET URL and workspace, whatever the order of the query parameters. */
export function earlyKey(url: string, workspace: string | null): string {
  // Only the path and the query count: the origin is always the page's own.
  const parsed = new URL(url, 'http://localhost');
  const params = [...parsed.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${parsed.pathname}?${new URLSearchParams(params).toString()}|${workspace ?? ''}`;
}

/** Starts a GET the app will ask for (boot script only). */
export function askEarly(url: string, workspace: string | null): void {
  globalThis.bfg2Early ??= { answers: new Map() };
  const headers: Record<string, string> = { Accept: ACCEPT };
  if (workspace) headers['X-Workspace'] = workspace;
  const answer = fetch(url, { credentials: 'same-origin', headers });
  // A failure reaches the caller that takes the answer; until then it is not reported as unhandled.
  answer.catch(() => undefined);
  globalThis.bfg2Early.answers.set(earlyKey(url, workspace), answer);
}

/** The early answer for this request, once; undefined when there is none (or it is not a GET). */
export function takeEarly(request: Request): Promise<Response> | undefined {
  const answers = globalThis.bfg2Early?.answers;
  if (!answers || request.method !== 'GET') return undefined;
  const key = earlyKey(request.url, request.headers.get('X-Workspace'));
  const answer = answers.get(key);
  answers.delete(key);
  return answer;
}
