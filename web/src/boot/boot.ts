/**
 * The boot script: index.html runs it (deferred, ~1 kB) before the app's bundle. On a cold load it asks
 * for the session and — on the inbox — the first page of tickets at once, and on desk URLs it preloads
 * the desk's chunks, so none of them waits for the bundle to download, compile and run first. The app
 * takes the answers through api/early.ts; without this script it simply asks itself.
 */
import { inboxPageQuery } from '../api/inbox-page';
import { inboxQuery } from '../desk/inbox/views';
import { askEarly, WORKSPACE_KEY } from '../api/early';

/** The desk's chunks and styles (filled in at build time by web/boot-plugin.ts). */
declare const BOOT_DESK_ASSETS: string[];

function preload(href: string): void {
  const link = document.createElement('link');
  if (href.endsWith('.css')) {
    link.rel = 'preload';
    link.as = 'style';
  } else {
    link.rel = 'modulepreload';
  }
  link.crossOrigin = '';
  link.href = href;
  document.head.append(link);
}

const { pathname, search } = window.location;
const workspace = sessionStorage.getItem(WORKSPACE_KEY);
askEarly('/api/auth/me', workspace);
// The list before the chunks: over HTTP/1.1 the browser opens six connections to a host and queues the
// rest, so whatever is asked first is answered first.
if (/^\/desk\/?$/.test(pathname)) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(inboxPageQuery(inboxQuery(new URLSearchParams(search)))))
    if (value !== undefined) query.set(name, String(value));
  askEarly(`/api/support/admin/tickets/?${query.toString()}`, workspace);
}
if (pathname.startsWith('/desk')) for (const asset of BOOT_DESK_ASSETS) preload(asset);
