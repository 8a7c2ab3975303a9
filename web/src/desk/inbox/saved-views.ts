/**
 * Saved views: an agent's own named inbox URLs (view, filters, search, sort), kept per user in this
 * browser's localStorage. They are links like any other inbox state, so a saved view is a deep link.
 */
import { useCallback, useState } from 'react';

export interface SavedView {
  name: string;
  /** The inbox's query string, without "?". */
  search: string;
}

const key = (userId: number) => `bfg2-support.saved-views.${userId}`;

function load(userId: number): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key(userId)) ?? '[]');
    return Array.isArray(parsed) ? (parsed as SavedView[]).filter((v) => typeof v?.name === 'string') : [];
  } catch {
    return [];
  }
}

/** The agent's saved views, and saving (a name already used is replaced) and removing one. */
export function useSavedViews(userId: number) {
  const [views, setViews] = useState(() => load(userId));
  const store = useCallback(
    (next: SavedView[]) => {
      localStorage.setItem(key(userId), JSON.stringify(next));
      setViews(next);
    },
    [userId],
  );
  const save = (name: string, search: string) =>
    store(
      [...views.filter((v) => v.name !== name), { name, search }].sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
    );
  const remove = (name: string) => store(views.filter((v) => v.name !== name));
  return { views, save, remove };
}
