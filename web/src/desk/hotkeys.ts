/**
 * Single-key shortcuts of the desk (j, k, r, n, a, s, /, ?, and the sequence "g i"). Keys typed into a
 * field, or with Ctrl/Alt/Meta held, are the field's own and never trigger a shortcut.
 */
import { useEffect, useRef } from 'react';

export type Hotkeys = Partial<Record<string, (event: KeyboardEvent) => void>>;

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Calls `keys[key]` (or `keys['g i']` for the sequence) on keydown anywhere outside a field. */
export function useHotkeys(keys: Hotkeys): void {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    let pendingG = 0;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      if (typingInto(event.target)) return;
      const key = event.key;
      // Enter on a button or link is that control's own.
      if (
        key === 'Enter' &&
        event.target instanceof HTMLElement &&
        event.target.closest('button, a, summary, [role]')
      ) {
        return;
      }
      const sequence = pendingG && Date.now() - pendingG < 1500 ? `g ${key}` : null;
      pendingG = key === 'g' ? Date.now() : 0;
      const handler = (sequence && latest.current[sequence]) || latest.current[key];
      if (!handler) return;
      event.preventDefault();
      handler(event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
