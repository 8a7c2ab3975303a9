/**
 * Deflection tracking for the ticket form: which suggested articles a customer saw and opened, and
 * whether they then left without sending a ticket. One random session id per form visit, kept in
 * sessionStorage so a reload of the tab stays the same visit; a sent ticket starts a new one.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { api, type DeflectionEventName } from './api/client';

const SESSION_KEY = 'bfg2-support.deflection-session';

/** A random id; getRandomValues also works on plain http, where randomUUID does not. */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The tab's deflection session id, created on first use. */
export function deflectionSession(): string {
  let id = sessionStorage.getItem(SESSION_KEY);
  if (!id) {
    id = randomId();
    sessionStorage.setItem(SESSION_KEY, id);
  }
  return id;
}

function endDeflectionSession(): void {
  sessionStorage.removeItem(SESSION_KEY);
}

export interface DeflectionTracker {
  /** Suggestions are on screen; recorded when the set of articles changes. */
  shown(articleIds: readonly number[]): void;
  opened(articleId: number): void;
  /** The ticket was sent: recorded, and the visit ends (a later form is a new session). */
  submitted(): void;
}

/**
 * Records the form's deflection events for `workspace`. Leaving (pagehide, or the tab hidden) after an
 * article was opened and before a ticket was sent records left_without_ticket, by beacon.
 */
export function useDeflectionTracker(workspace: string | undefined): DeflectionTracker {
  const lastShown = useRef('');
  const opened = useRef<number | null>(null);
  const done = useRef(false);

  const record = useCallback(
    (event: DeflectionEventName, articleId?: number) => {
      const body = { event, session: deflectionSession(), ...(articleId ? { article_id: articleId } : {}) };
      // Statistics only: a lost event must never disturb the customer's form.
      api.recordDeflection(body, workspace).catch(() => undefined);
    },
    [workspace],
  );

  useEffect(() => {
    // Hidden counts as leaving (on phones it is the last event a page reliably gets). Opening the
    // article in a new tab hides the form too; if the customer comes back and sends the ticket, the
    // session has ticket_submitted and does not count as deflected.
    const leave = (event: Event) => {
      const articleId = opened.current;
      if (articleId === null || done.current) return;
      if (event.type !== 'pagehide' && document.visibilityState !== 'hidden') return;
      done.current = true;
      api.beaconDeflection(
        { event: 'left_without_ticket', session: deflectionSession(), article_id: articleId },
        workspace,
      );
    };
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', leave);
    };
  }, [workspace]);

  const shown = useCallback(
    (articleIds: readonly number[]) => {
      const key = articleIds.join(',');
      if (!key || key === lastShown.current) return;
      lastShown.current = key;
      record('suggestions_shown');
    },
    [record],
  );
  const openedArticle = useCallback(
    (articleId: number) => {
      opened.current = articleId;
      // Came back and opened another: a later departure counts again.
      done.current = false;
      record('article_opened', articleId);
    },
    [record],
  );
  const submitted = useCallback(() => {
    done.current = true;
    record('ticket_submitted');
    endDeflectionSession();
    lastShown.current = '';
    opened.current = null;
  }, [record]);
  return useMemo(() => ({ shown, opened: openedArticle, submitted }), [shown, openedArticle, submitted]);
}
