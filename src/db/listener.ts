/**
 * A connection of its own that LISTENs on PostgreSQL channels for the process (one per process, shared
 * by the event dispatcher, the live stream and presence). Notifications arrive at the sender's commit.
 * A lost connection is reopened with a growing delay; `onConnect` runs after every (re)connect so that
 * readers catch up on what they may have missed meanwhile.
 */
import pg from 'pg';

export interface ListenOptions {
  channels: readonly string[];
  onNotification(channel: string, payload: string): void;
  /** After the first connect and after every reconnect (notifications in between are lost). */
  onConnect?(): void;
  onError?(err: unknown): void;
}

export interface Listener {
  close(): Promise<void>;
}

const MAX_DELAY_MS = 5_000;

export function listenOnPostgres(config: pg.ClientConfig, options: ListenOptions): Promise<Listener> {
  let client: pg.Client | null = null;
  let closed = false;
  let delay = 100;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client(config);
    c.on('notification', (n) => options.onNotification(n.channel, n.payload ?? ''));
    c.on('error', (err) => {
      options.onError?.(err);
      reconnect(c);
    });
    c.on('end', () => reconnect(c));
    await c.connect();
    for (const channel of options.channels) await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    delay = 100;
    options.onConnect?.();
  };

  const reconnect = (failed: pg.Client) => {
    if (closed || client !== failed || timer) return;
    client = null;
    void failed.end().catch(() => undefined);
    const retry = () => {
      timer = setTimeout(() => {
        timer = null;
        if (closed) return;
        connect().catch((err: unknown) => {
          options.onError?.(err);
          delay = Math.min(delay * 2, MAX_DELAY_MS);
          retry();
        });
      }, delay);
      timer.unref();
    };
    retry();
  };

  return connect().then(() => ({
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  }));
}
