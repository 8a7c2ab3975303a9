/**
 * Saved views: an agent's own named inbox URLs (view, filters, search, sort), kept on the server
 * (/api/support/me/views/) so they follow the agent to every browser. They are links like any other
 * inbox state, so a saved view is a deep link. Views an older desk kept in this browser's localStorage
 * are moved to the server on the first load, then forgotten here.
 */
import { useEffect, useRef } from 'react';
import { useSavedViewActions, useSavedViewRows } from '../../api/desk-queries';

export interface SavedView {
  id: number;
  name: string;
  /** The inbox's query string, without "?". */
  search: string;
}

const localKey = (userId: number) => `bfg2-support.saved-views.${userId}`;

/** The views the older desk kept in this browser (name + search), or none. */
export function localViews(userId: number): { name: string; query: string }[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(localKey(userId)) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((v: unknown) => {
      const { name, search } = (v ?? {}) as { name?: unknown; search?: unknown };
      return typeof name === 'string' && name.trim() && typeof search === 'string'
        ? [{ name: name.trim().slice(0, 60), query: search.replace(/^\?/, '') }]
        : [];
    });
  } catch {
    return [];
  }
}

/** The agent's saved views, and saving (a name already used is replaced) and removing one. */
export function useSavedViews(userId: number) {
  const rows = useSavedViewRows();
  const { save, remove, importViews } = useSavedViewActions();
  const moving = useRef(false);

  useEffect(() => {
    if (!rows.isSuccess || moving.current) return;
    const local = localViews(userId);
    if (local.length === 0) return;
    moving.current = true;
    // The server keeps names it has already; the browser's copy goes once the server holds them.
    importViews.mutate(local, { onSuccess: () => localStorage.removeItem(localKey(userId)) });
  }, [rows.isSuccess, userId, importViews]);

  const views: SavedView[] = (rows.data?.results ?? []).map((v) => ({
    id: v.id,
    name: v.name,
    search: v.query,
  }));
  return {
    views,
    save: (name: string, search: string) => save.mutate({ name, query: search }),
    remove: (name: string) => {
      const view = views.find((v) => v.name === name);
      if (view) remove.mutate(view.id);
    },
    error: rows.error ?? save.error ?? remove.error,
  };
}
