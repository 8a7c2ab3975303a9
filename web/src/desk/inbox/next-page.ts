/**
 * Keyset infinite scrolling: the next page is asked for when the sentinel below the rows comes into
 * view — one page each time it comes into view, and only while no page is on its way, so never more
 * than one page ahead of what the agent has seen. One observer lives as long as the sentinel: a new
 * observer reports at once whether the sentinel is in view, so one made anew after every page asked
 * for page after page while the sentinel stayed in view.
 */
import { useEffect, useRef, type RefObject } from 'react';

/**
 * Calls `next` when `sentinel` comes into view while `ready` (a next page exists and none is loading);
 * `ready` turns true only once the page before has rendered, so its rows are laid out by then.
 */
export function useNextPageOnView(
  sentinel: RefObject<Element | null>,
  ready: boolean,
  next: () => unknown,
): void {
  const latest = useRef({ ready, next });
  useEffect(() => {
    latest.current = { ready, next };
  }, [ready, next]);
  useEffect(() => {
    const element = sentinel.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) => {
      const entered = entries[entries.length - 1]?.isIntersecting ?? false;
      if (entered && latest.current.ready) {
        // Not ready again until the page has come and rendered.
        latest.current.ready = false;
        void latest.current.next();
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [sentinel]);
}
