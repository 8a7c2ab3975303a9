/**
 * The after-commit dispatcher: hands every committed domain event to each background subscriber, in
 * log order (log.ts), at least once, and once per event across the processes of an install (the
 * subscriber's cursor is claimed by one process at a time, cursors.ts). Woken by NOTIFY at commit
 * (wake()), with a slow poll as a safety net. A subscriber that throws keeps its cursor before the
 * failed event and is retried with exponential backoff; the others go on.
 */
import type { Database } from '../../db/client.js';
import type { RawExecutor } from '../../db/raw.js';
import type { Logger } from '../logger.js';
import { advanceCursor, failCursor, withCursor, type CursorState } from './cursors.js';
import { isAfter, readLog } from './log.js';
import type { EventSubscriber } from './subscriber.js';

export interface DispatcherOptions {
  db: Database;
  subscribers: readonly EventSubscriber[];
  log: Logger;
  /** Safety-net poll when no notification comes (default 5 s). */
  pollMs?: number;
  /**
   * A subscriber reads the log at most once per this many milliseconds when woken (default 0): under a
   * stream of commits, each of which notifies, its reads (a claim, a read, a cursor move: a few round
   * trips each) then take many commits' events at once instead of one commit's. A wake after a quiet
   * spell is served at once; only wakes within the gap of the last read wait for its end.
   */
  minGapMs?: number;
  batchSize?: number;
  /** Delay before retry number `attempt` (1, 2, …) of a failed event. */
  backoffMs?: (attempt: number) => number;
  /**
   * How many subscribers may work at once (default 2, safe from a pool of 3 up). Each working subscriber holds one pooled
   * connection for its cursor while its handler takes others from the same pool: with as many
   * subscribers as connections, every connection would hold a cursor and wait for a free one — a
   * deadlock. Pass less than the pool size (server.ts: half of it).
   */
  concurrency?: number;
}

/** Counts free places; take() waits for one, release() gives it back in FIFO order. */
class Slots {
  private readonly waiting: (() => void)[] = [];
  constructor(private free: number) {}

  async take(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}

export interface Dispatcher {
  /** Something was committed: look now. */
  wake(): void;
  /** Resolves when every subscriber has caught up with what is readable now (tests, shutdown). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

type Outcome = { kind: 'more' | 'idle' | 'busy' } | { kind: 'blocked' } | { kind: 'retry'; waitMs: number };

const BLOCKED_RETRY_MS = [5, 10, 20, 50, 100, 200];

/** 1 s, 2 s, 4 s … capped at 5 minutes. */
export function defaultBackoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt - 1), 5 * 60_000);
}

class SubscriberLoop {
  private running: Promise<void> | null = null;
  private again = false;
  /** …and the wake that came meanwhile was drain()'s, which must not wait for the gap. */
  private againNow = false;
  private timer: NodeJS.Timeout | null = null;
  /** A wake within minGapMs of the last read, waiting for the gap's end. */
  private gapTimer: NodeJS.Timeout | null = null;
  private lastRead = -Infinity;
  private blockedRound = 0;
  stopped = false;

  constructor(
    private readonly sub: EventSubscriber,
    private readonly options: Required<Omit<DispatcherOptions, 'subscribers' | 'concurrency'>>,
    private readonly slots: Slots,
  ) {}

  /** Reads now, or at the end of the gap after the last read (`now`: at once regardless). */
  wake(now = false): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      this.againNow ||= now;
      return;
    }
    const waitMs = now ? 0 : this.lastRead + this.options.minGapMs - performance.now();
    if (waitMs > 0) {
      this.gapTimer ??= setTimeout(() => {
        this.gapTimer = null;
        this.wake();
      }, Math.ceil(waitMs));
      this.gapTimer.unref();
      return;
    }
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
    this.running = this.loop().finally(() => {
      this.running = null;
      // Woken while reading: once more, after the gap.
      if (this.again) {
        const now = this.againNow;
        this.again = false;
        this.againNow = false;
        this.wake(now);
      }
    });
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.gapTimer) clearTimeout(this.gapTimer);
    return this.idle();
  }

  private later(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, ms);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    for (;;) {
      this.again = false;
      let outcome: Outcome;
      await this.slots.take();
      this.lastRead = performance.now();
      try {
        outcome = (await withCursor(this.options.db, this.sub.name, (tx, c) => this.batch(tx, c))) ?? {
          kind: 'busy',
        };
      } catch (err) {
        this.options.log.error({ err, subscriber: this.sub.name }, 'event dispatch failed; retrying');
        outcome = { kind: 'retry', waitMs: 1000 };
      } finally {
        this.slots.release();
      }
      if (this.stopped) return;
      if (outcome.kind === 'more') continue;
      if (outcome.kind === 'retry') this.later(outcome.waitMs);
      if (outcome.kind === 'blocked') {
        // Committed events wait behind an older running transaction, whose end may notify nobody.
        this.later(BLOCKED_RETRY_MS[Math.min(this.blockedRound, BLOCKED_RETRY_MS.length - 1)] ?? 200);
        this.blockedRound += 1;
      } else this.blockedRound = 0;
      if (!this.again || this.options.minGapMs > 0) return;
    }
  }

  private async batch(tx: RawExecutor, cursor: CursorState): Promise<Outcome> {
    if (cursor.waitMs > 0) return { kind: 'retry', waitMs: cursor.waitMs };
    const { batchSize, log, backoffMs } = this.options;
    const page = await readLog(tx, cursor.position, { limit: batchSize, types: this.sub.types });
    let done = cursor.position;
    let batched = false;
    const last = page.events[page.events.length - 1];
    if (this.sub.handleBatch && last && page.events.length > 1) {
      try {
        await this.sub.handleBatch(page.events);
        done = last.position;
        batched = true;
      } catch (err) {
        log.warn(
          { err, subscriber: this.sub.name, events: page.events.length },
          'event batch failed; handling its events one by one',
        );
      }
    }
    for (const event of batched ? [] : page.events) {
      try {
        await this.sub.handle(event);
      } catch (err) {
        const attempts = cursor.attempts + 1;
        const delayMs = backoffMs(attempts);
        log.warn(
          {
            err,
            subscriber: this.sub.name,
            eventId: event.id,
            type: event.type,
            attempts,
            retryInMs: delayMs,
          },
          'event subscriber failed; will retry',
        );
        await failCursor(tx, cursor.id, done, { attempts, delayMs, error: String(err) });
        return { kind: 'retry', waitMs: delayMs };
      }
      done = event.position;
    }
    const full = page.events.length === batchSize;
    // Past the events of other types too, so that the next read does not walk them again.
    const to = !full && isAfter(page.head, done) ? page.head : done;
    if (isAfter(to, cursor.position) || cursor.attempts > 0) await advanceCursor(tx, cursor.id, to);
    if (full) return { kind: 'more' };
    return page.blocked ? { kind: 'blocked' } : { kind: 'idle' };
  }
}

export function startDispatcher(options: DispatcherOptions): Dispatcher {
  const settings = {
    db: options.db,
    log: options.log,
    pollMs: options.pollMs ?? 5000,
    minGapMs: options.minGapMs ?? 0,
    batchSize: options.batchSize ?? 100,
    backoffMs: options.backoffMs ?? defaultBackoffMs,
  };
  const slots = new Slots(Math.max(1, options.concurrency ?? 2));
  const loops = options.subscribers.map((s) => new SubscriberLoop(s, settings, slots));
  const names = new Set<string>();
  for (const s of options.subscribers) {
    if (names.has(s.name)) throw new Error(`two event subscribers are named ${s.name}`);
    names.add(s.name);
  }
  const wake = () => {
    for (const l of loops) l.wake();
  };
  const poll = setInterval(wake, settings.pollMs);
  poll.unref();
  wake();
  return {
    wake,
    async drain() {
      for (const l of loops) l.wake(true);
      await Promise.all(loops.map((l) => l.idle()));
    },
    async stop() {
      clearInterval(poll);
      await Promise.all(loops.map((l) => l.stop()));
    },
  };
}
