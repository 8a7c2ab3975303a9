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

/** The growing delay of a failure throttle. */
export interface FailureDelay {
  /** Failures that cost nothing (typos). */
  freeFailures: number;
  /** Delay after the first failure beyond the free ones; each further failure doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
}

export interface FailureThrottle {
  /** Throws 429 RATE_LIMITED (with Retry-After) while `key` must wait after its last failure. */
  check(key: string): void;
  /** Counts a failure of `key`; beyond the free ones, it must wait before the next try. */
  fail(key: string): void;
  /** A success forgets the key's failures. */
  succeed(key: string): void;
}

interface Failures {
  count: number;
  blockedUntil: number;
  lastAt: number;
}

/**
 * Counts failures only (never successes) per key and answers with a delay that doubles with each
 * failure beyond the free ones, capped: a person who mistypes waits seconds, a guesser exponentially
 * longer, and nobody is locked out for good. Keyed by account and source together, so a stranger's
 * failures never delay the account's owner.
 */
export function createFailureThrottle(delay: FailureDelay, now: () => number = Date.now): FailureThrottle {
  const failures = new Map<string, Failures>();

  const live = (key: string, at: number): Failures | undefined => {
    const f = failures.get(key);
    if (f && at - f.lastAt > delay.forgetAfterMs) {
      failures.delete(key);
      return undefined;
    }
    return f;
  };

  return {
    check(key) {
      const at = now();
      const f = live(key, at);
      if (f && f.blockedUntil > at) {
        const retryAfterSeconds = Math.max(1, Math.ceil((f.blockedUntil - at) / 1000));
        throw new AppError('RATE_LIMITED', `too many failed attempts; retry in ${retryAfterSeconds} s`, {
          retryAfterSeconds,
        });
      }
    },
    fail(key) {
      const at = now();
      if (failures.size >= MAX_KEYS) {
        for (const [k, f] of failures) if (at - f.lastAt > delay.forgetAfterMs) failures.delete(k);
        let evict = failures.size >= MAX_KEYS ? Math.ceil(MAX_KEYS / 10) : 0;
        for (const k of failures.keys()) if (evict-- > 0) failures.delete(k);
      }
      const f = live(key, at) ?? { count: 0, blockedUntil: 0, lastAt: at };
      f.count += 1;
      f.lastAt = at;
      const beyond = f.count - delay.freeFailures;
      if (beyond > 0) {
        f.blockedUntil = at + Math.min(delay.maxDelayMs, delay.firstDelayMs * 2 ** Math.min(beyond - 1, 30));
      }
      failures.set(key, f);
    },
    succeed(key) {
      failures.delete(key);
    },
  };
}
