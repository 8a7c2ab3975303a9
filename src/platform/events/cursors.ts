/**
 * The background subscribers' cursors (table event_cursors, migration 0018) and the claim on one:
 * on PostgreSQL a transaction holding pg_try_advisory_xact_lock(classid, cursor id) — an advisory
 * lock, not a row lock, because a row lock gives the transaction an xid and would hold back
 * pg_snapshot_xmin (log.ts) for every reader while a slow subscriber works. The cursor is written at
 * the end of the batch, in the same transaction. A process that dies mid-batch leaves the cursor where
 * it was, so the batch is handed out again (at least once).
 */
import type { Database } from '../../db/client.js';
import type { RawExecutor } from '../../db/raw.js';
import { logHead, type Position } from './log.js';

const LOCK_CLASS = 4_242_1018;

export interface CursorState {
  id: number;
  position: Position;
  attempts: number;
  /** Milliseconds until a failed event may be retried (0 when due). */
  waitMs: number;
}

interface CursorRow {
  id: number;
  last_xid: string;
  last_event_id: number;
  attempts: number;
  wait_ms: number | null;
}

// Cursor ids never change: looked up once per database and subscriber (one round trip less per batch).
const knownIds = new WeakMap<Database, Map<string, number>>();

async function cachedCursorId(db: Database, subscriber: string): Promise<number> {
  let ids = knownIds.get(db);
  if (!ids) knownIds.set(db, (ids = new Map<string, number>()));
  const known = ids.get(subscriber);
  if (known !== undefined) return known;
  const id = await cursorId(db.raw, subscriber);
  ids.set(subscriber, id);
  return id;
}

async function cursorId(db: RawExecutor, subscriber: string): Promise<number> {
  const found = await db.query<{ id: number }>('SELECT id FROM event_cursors WHERE subscriber = $1', [
    subscriber,
  ]);
  if (found.rows[0]) return found.rows[0].id;
  // A new subscriber starts at the head: it gets what is committed from now on, not the history.
  const head = await logHead(db);
  await db.query(
    `INSERT INTO event_cursors (subscriber, last_xid, last_event_id) VALUES ($1, $2::xid8, $3)
     ON CONFLICT (subscriber) DO NOTHING`,
    [subscriber, head.xid.toString(), head.id],
  );
  return cursorId(db, subscriber);
}

const CURSOR_COLUMNS = `id, last_xid::text AS last_xid, last_event_id, attempts,
  ceil(greatest(0, extract(epoch FROM retry_at - clock_timestamp()) * 1000))::int AS wait_ms`;

function stateOf(row: CursorRow | undefined, id: number): CursorState {
  if (!row) throw new Error(`event cursor ${id} vanished`);
  return {
    id: row.id,
    position: { xid: BigInt(row.last_xid), id: row.last_event_id },
    attempts: row.attempts,
    waitMs: row.wait_ms ?? 0,
  };
}

/** Moves the cursor past `position` and clears any failure. */
export async function advanceCursor(db: RawExecutor, id: number, position: Position): Promise<void> {
  await db.query(
    `UPDATE event_cursors SET last_xid = $2::xid8, last_event_id = $3, attempts = 0, retry_at = NULL,
       last_error = '', updated_at = now() WHERE id = $1`,
    [id, position.xid.toString(), position.id],
  );
}

/** Keeps the cursor at `position` (before the failed event) and schedules the retry. */
export async function failCursor(
  db: RawExecutor,
  id: number,
  position: Position,
  failure: { attempts: number; delayMs: number; error: string },
): Promise<void> {
  await db.query(
    `UPDATE event_cursors SET last_xid = $2::xid8, last_event_id = $3, attempts = $4,
       retry_at = clock_timestamp() + make_interval(secs => $5::double precision / 1000),
       last_error = $6, updated_at = now() WHERE id = $1`,
    [
      id,
      position.xid.toString(),
      position.id,
      failure.attempts,
      failure.delayMs,
      failure.error.slice(0, 2000),
    ],
  );
}

/**
 * Runs fn with the subscriber's cursor claimed by this process, or returns null without running it
 * when another process holds it (a transaction-scoped advisory lock on the cursor).
 */
export async function withCursor<T>(
  db: Database,
  subscriber: string,
  fn: (tx: RawExecutor, cursor: CursorState) => Promise<T>,
): Promise<T | null> {
  const id = await cachedCursorId(db, subscriber);
  if (!Number.isSafeInteger(id)) throw new Error(`not a cursor id: ${String(id)}`);
  return db.raw.transaction(async (tx) => {
    // One message, one round trip, with the BEGIN in front (client.ts). Its statements run one after the
    // other, each with a snapshot of its own, so the cursor is read after the lock is taken: the previous
    // holder's committed move is visible. Without parameters, so the ids are inlined (integers).
    // The cursor's move needs no flush of the write-ahead log before COMMIT returns: lost in a crash, it
    // only hands the same events out again, which at-least-once delivery allows; the subscribers' own
    // writes are committed in their own transactions, durably.
    const claimed = await tx.query<CursorRow & { claimed: string }>(
      `SET LOCAL synchronous_commit TO off;
       SELECT set_config('bfg2.cursor_claimed', pg_try_advisory_xact_lock(${LOCK_CLASS}, ${id})::text, true);
       SELECT ${CURSOR_COLUMNS}, current_setting('bfg2.cursor_claimed') AS claimed
       FROM event_cursors WHERE id = ${id}`,
    );
    const state = stateOf(claimed.rows[0], id);
    if (claimed.rows[0]?.claimed !== 'true') return null;
    return fn(tx, state);
  });
}
