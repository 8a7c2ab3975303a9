/**
 * A small in-memory fixed-window rate limiter for the credential endpoints (login, register, magic
 * link). It runs in the handler's preHandler because the per-email key needs the parsed body.
 *
 * The counters live in this process only: with several web processes each allows the limit, which is
 * still a hard ceiling against password guessing. Expired windows are swept while counting, never by a
 * timer, so an idle process holds no work.
 */
import { AppError } from '../errors.js';

export interface RateLimit {
  /** Attempts allowed per window. */
  max: number;
  windowMs: number;
}

export interface RateLimiter {
  /**
   * Counts one attempt for every key and throws 429 RATE_LIMITED (with Retry-After) when any of them is
   * over its limit. Keys are counted before checking, so hammering a blocked key keeps it blocked.
   */
  hit(entries: ReadonlyArray<{ key: string; limit: RateLimit }>): void;
  /** Forgets every counter (tests, or an operator unblocking). */
  reset(): void;
}

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Memory bound under a key-spraying attack: at this many keys the expired windows are swept, and if
 * that is not enough the oldest tenth is forgotten (Map keeps insertion order). Forgetting can only
 * make the limiter more lenient, never block an innocent caller.
 */
const MAX_KEYS = 100_000;

/** Creates a limiter with its own counters; `now` is injectable so tests can move the clock. */
export function createRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, Window>();

  const makeRoom = (at: number): void => {
    for (const [key, w] of windows) if (w.resetAt <= at) windows.delete(key);
    if (windows.size < MAX_KEYS) return;
    let evict = Math.ceil(MAX_KEYS / 10);
    for (const key of windows.keys()) {
      if (evict-- <= 0) break;
      windows.delete(key);
    }
  };

  return {
    hit(entries) {
      const at = now();
      if (windows.size >= MAX_KEYS) makeRoom(at);
      let retryAfterMs = 0;
      for (const { key, limit } of entries) {
        let w = windows.get(key);
        if (!w || w.resetAt <= at) {
          w = { count: 0, resetAt: at + limit.windowMs };
          windows.set(key, w);
        }
        w.count += 1;
        if (w.count > limit.max) retryAfterMs = Math.max(retryAfterMs, w.resetAt - at);
      }
      if (retryAfterMs > 0) {
        const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
        throw new AppError('RATE_LIMITED', `too many attempts; retry in ${retryAfterSeconds} s`, {
          retryAfterSeconds,
        });
      }
    },
    reset() {
      windows.clear();
    },
  };
}
