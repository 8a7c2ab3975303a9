/**
 * The process's feed of committed events for live delivery (the SSE streams of this process): one
 * reader behind one position, woken by NOTIFY at commit through the process's LISTEN connection
 * (notifications.ts), so each committed event is read once per process however many clients wait, and
 * clients of every process get every event. Listeners get batches in log order.
 */
import type { Database } from '../../db/client.js';
import type { Logger } from '../logger.js';
import { isAfter, logHead, readLog, type LoggedEvent, type Position } from './log.js';

export type FeedListener = (events: readonly LoggedEvent[]) => void;

export interface LiveFeed {
  /** Every event at or before this position has been handed to the listeners. */
  position(): Position;
  listen(fn: FeedListener): () => void;
  wake(): void;
  stop(): Promise<void>;
}

const BATCH = 500;
const BLOCKED_RETRY_MS = [5, 10, 20, 50, 100, 200];

export async function startLiveFeed(options: {
  db: Database;
  log: Logger;
  /** Safety-net poll when no notification comes (default 5 s). */
  pollMs?: number;
}): Promise<LiveFeed> {
  const { db, log } = options;
  let position = await logHead(db.raw);
  const listeners = new Set<FeedListener>();
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let blockedRound = 0;
  let retry: NodeJS.Timeout | null = null;

  const read = async () => {
    for (;;) {
      again = false;
      const page = await readLog(db.raw, position, { limit: BATCH });
      if (page.events.length > 0) {
        for (const fn of listeners) {
          try {
            fn(page.events);
          } catch (err) {
            log.error({ err }, 'live event listener failed');
          }
        }
      }
      const last = page.events[page.events.length - 1]?.position ?? position;
      position = page.events.length < BATCH && isAfter(page.head, last) ? page.head : last;
      if (page.events.length === BATCH) continue;
      if (page.blocked) {
        if (retry) clearTimeout(retry);
        retry = setTimeout(wake, BLOCKED_RETRY_MS[Math.min(blockedRound, BLOCKED_RETRY_MS.length - 1)]);
        retry.unref();
        blockedRound += 1;
      } else blockedRound = 0;
      if (!again || stopped) return;
    }
  };
  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = read()
      .catch((err: unknown) => log.error({ err }, 'reading the event log for live delivery failed'))
      .finally(() => {
        running = null;
      });
  }
  const poll = setInterval(wake, options.pollMs ?? 5000);
  poll.unref();
  return {
    position: () => position,
    listen(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    wake,
    async stop() {
      stopped = true;
      clearInterval(poll);
      if (retry) clearTimeout(retry);
      await running;
    },
  };
}
