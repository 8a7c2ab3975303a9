/** A tiny history router: the SPA has few routes, so no library. */
import { useSyncExternalStore } from 'react';

export const routes = { login: '/app/login', home: '/app', newTicket: '/app/tickets/new' } as const;

const subscribers = new Set<() => void>();

function subscribe(onChange: () => void): () => void {
  subscribers.add(onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    subscribers.delete(onChange);
    window.removeEventListener('popstate', onChange);
  };
}

const currentPath = () => window.location.pathname;

/** The current path; re-renders on navigate() and on the browser's back/forward. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** Goes to `path` without a page load. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === currentPath()) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  for (const notify of subscribers) notify();
}
