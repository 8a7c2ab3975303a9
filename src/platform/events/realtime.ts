/**
 * The process's live machinery, started on first use: the LISTEN connection (notifications.ts) and
 * the live feed (live-feed.ts). A web process starts both at boot; a test app only when a test opens a
 * stream, so the other test files pay nothing for them.
 */
import type { Database } from '../../db/client.js';
import type { Logger } from '../logger.js';
import { startLiveFeed, type LiveFeed } from './live-feed.js';
import { openNotifications, type ProcessNotifications } from './notifications.js';

export interface Realtime {
  notifications(): Promise<ProcessNotifications>;
  feed(): Promise<LiveFeed>;
  /** The feed if it has started, without starting it (null before, and while it starts). */
  runningFeed(): LiveFeed | null;
  stop(): Promise<void>;
}

export function createRealtime(db: Database, log: Logger): Realtime {
  let notifications: Promise<ProcessNotifications> | null = null;
  let feed: Promise<LiveFeed> | null = null;
  let running: LiveFeed | null = null;
  const realtime: Realtime = {
    notifications: () => (notifications ??= openNotifications(db, log)),
    feed: () =>
      (feed ??= (async () => {
        const n = await realtime.notifications();
        const f = await startLiveFeed({ db, log });
        n.onEvents(() => f.wake());
        running = f;
        return f;
      })()),
    runningFeed: () => running,
    async stop() {
      const f = feed;
      const n = notifications;
      feed = null;
      running = null;
      notifications = null;
      await (await f?.catch(() => null))?.stop();
      await (await n?.catch(() => null))?.close();
    },
  };
  return realtime;
}
