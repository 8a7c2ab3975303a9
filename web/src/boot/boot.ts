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
// The desk's three files first: they cost the server next to nothing, and the first render waits for
// them (and for the browser to compile them) as much as for the answers. Asked after the list, they came
// last: the server wrote them out behind the list's answer, on a machine whose cores the browser shares
// (bench/web.ts: staff.js and desk.css answered ~400 ms after they were asked, the list at ~250 ms, while
// the page sat idle waiting for them). Five requests, so none queues for one of the six connections.
if (pathname.startsWith('/desk')) for (const asset of BOOT_DESK_ASSETS) preload(asset);
askEarly('/api/auth/me', workspace);
if (/^\/desk\/?$/.test(pathname)) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(inboxPageQuery(inboxQuery(new URLSearchParams(search)))))
    if (value !== undefined) query.set(name, String(value));
  askEarly(`/api/support/admin/tickets/?${query.toString()}`, workspace);
}
