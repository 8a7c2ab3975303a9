/**
 * Reads stored mail off the main thread. Parsing and sanitising are the largest share of the CPU a mail
 * costs the process (0.7 ms of 2–2.5 per HTML mail in bench/email-ingest.ts), and one 20 MB mail parses
 * for seconds: on the main thread that time is taken from the SMTP listener, the HTTP server and every
 * answer of the database. A pool of threads (piscina) runs readMail instead; the main thread only hands
 * over the raw bytes and gets the parsed mail back.
 *
 * Mail the SMTP listener or the IMAP poller has just stored is read ahead (readAhead): its reading starts
 * at once, while the processing job is still on its way or busy with the batch before, and the job
 * takes the result by the row's id. A stored raw mail never changes, so a result read ahead is the one
 * the job would get. What is read ahead and not taken within a minute (another process took the mail)
 * is let go.
 *
 * The threads run mail-reader-thread.js beside the running code (the server bundle), or its TypeScript
 * source through tsx (tests, `npm run dev`). Without either, or with MAIL_READER_THREADS=0, mail is
 * read on the main thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { ReadOutcome } from './mail-reader-thread.js';
import { readMail, UnreadableMailError, type ReadMail } from './read-mail.js';

type Settled = PromiseSettledResult<ReadMail>;
type Pool = Piscina<Uint8Array[], ReadOutcome[]>;

let wanted: number | null = null;
let readsAhead = false;
/** The pool once its threads answered a first mail, or null (mail read on the main thread). */
let pool: Promise<Pool | null> | undefined;
/** The pool started, for its figures and its stop. */
let started: Pool | null = null;
let threads = 0;

/**
 * Sets the number of reader threads (the server passes MAIL_READER_THREADS to a process that works the
 * jobs; 0: read on the main thread; null: one, as when nothing configured it). Only a process configured
 * so reads ahead: elsewhere (a listener alone) the mail is processed by another process.
 */
export function configureMailReaders(count: number | null, threadFile?: string): void {
  readsAhead = count !== null && count > 0;
  if (count === wanted && threadFile === otherFile) return;
  wanted = count;
  otherFile = threadFile;
  void stopMailReaders();
}

/** The threads' script instead of mail-reader-thread (tests: one that cannot start). */
let otherFile: string | undefined;

function threadEntry(): { filename: string; execArgv: string[] } | null {
  if (otherFile) return { filename: otherFile, execArgv: [] };
  const bundled = fileURLToPath(new URL('./mail-reader-thread.js', import.meta.url));
  if (existsSync(bundled)) return { filename: bundled, execArgv: [] };
  const source = fileURLToPath(new URL('./mail-reader-thread.ts', import.meta.url));
  if (existsSync(source)) return { filename: source, execArgv: ['--import', 'tsx'] };
  return null;
}

/** A mail for the threads' first task: a thread that cannot read it cannot read any. */
const PROBE = Buffer.from('From: probe@localhost\r\nSubject: probe\r\n\r\nprobe\r\n');

function readerPool(): Promise<Pool | null> {
  if (pool) return pool;
  threads = wanted ?? 1;
  const entry = threads > 0 ? threadEntry() : null;
  if (!entry) return (pool = Promise.resolve(null));
  const readers: Pool = new Piscina<Uint8Array[], ReadOutcome[]>({
    filename: entry.filename,
    execArgv: entry.execArgv,
    minThreads: 1,
    maxThreads: threads,
    // Kept through quiet spells: starting a thread loads the parser again (tens of milliseconds).
    idleTimeout: 5 * 60_000,
    atomics: 'disabled',
    // Tasks queue on the thread itself: handed over one at a time, a thread waited between tasks for
    // the main thread to hand it the next, which is busy exactly when much mail comes in.
    concurrentTasksPerWorker: 32,
  });
  started = readers;
  // Threads that cannot start (a deployment without the thread's file, a broken build) would fail every
  // mail: the process reads on its main thread instead, and says so once.
  pool = readers.run([PROBE]).then(
    () => readers,
    async (err: unknown) => {
      process.emitWarning(
        `mail reader threads did not start (${err instanceof Error ? err.message : String(err)}); ` +
          'inbound mail is read on the main thread',
      );
      if (started === readers) started = null;
      await readers.destroy().catch(() => undefined);
      return null;
    },
  );
  return pool;
}

/** A Buffer over what crossed the thread (a structured clone makes Buffers plain Uint8Arrays). */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const nothing = (): Settled => ({
  status: 'rejected',
  reason: new Error('the mail reader returned nothing'),
});
const gone = (id: number): Settled => ({
  status: 'rejected',
  reason: new Error(`stored mail ${id} has no raw bytes to read`),
});

/** readMail of each mail on this thread. */
const readOnMain = (raws: Uint8Array[]): Promise<Settled[]> =>
  Promise.allSettled(raws.map((raw) => readMail(Buffer.isBuffer(raw) ? raw : asBuffer(raw))));

function settle(outcome: ReadOutcome): Settled {
  if ('error' in outcome) {
    const reason = outcome.unreadable ? new UnreadableMailError(outcome.error) : new Error(outcome.error);
    return { status: 'rejected', reason };
  }
  const mail = outcome.mail;
  return {
    status: 'fulfilled',
    value: { ...mail, attachments: mail.attachments.map((a) => ({ ...a, content: asBuffer(a.content) })) },
  };
}

/** Reads the mails on the reader threads: a task per thread with a run of consecutive mails each. */
async function readOnThreads(readers: Pool, raws: Uint8Array[]): Promise<Settled[]> {
  const run = (part: Uint8Array[]) => {
    // Copies of their own, handed over rather than copied again (a pg result's bytes may share memory).
    const own = part.map((raw) => new Uint8Array(raw));
    return readers.run(own, { transferList: own.map((o) => o.buffer) });
  };
  const size = Math.ceil(raws.length / Math.max(1, threads));
  const runs: Uint8Array[][] = [];
  for (let i = 0; i < raws.length; i += size) runs.push(raws.slice(i, i + size));
  const read = await Promise.all(
    runs.map(async (part) => {
      try {
        return (await run(part)).map(settle);
      } catch {
        // The thread died (a mail that exhausts its memory): each mail again alone, so that only the
        // one that kills it fails (kept as failed, with a retry for admins) and the others are read.
        const each = await Promise.all(
          part.map((raw) =>
            run([raw]).then(
              (outcome) => outcome.map(settle),
              (reason: unknown): Settled[] => [{ status: 'rejected', reason }],
            ),
          ),
        );
        return each.flat();
      }
    }),
  );
  return read.flat();
}

interface Ahead {
  result: Promise<Settled>;
  bytes: number;
  at: number;
}

/** Mails read ahead, per database, by inbound_emails id, oldest first. */
let aheadOf = new WeakMap<object, Map<number, Ahead>>();
let aheadBytes = 0;
/** Raw mail read ahead and not yet taken, at most (a mail beyond is read when its job comes). */
const AHEAD_BYTES = 64 * 1024 * 1024;
const AHEAD_MAIL_BYTES = 1024 * 1024;
const AHEAD_MS = 60_000;

/** Lets go of what was read ahead and not taken within AHEAD_MS (another process took the mail). */
function letGo(ahead: Map<number, Ahead>, now: number): void {
  for (const [id, entry] of ahead) {
    if (now - entry.at < AHEAD_MS) break;
    take(ahead, id);
  }
}

function take(ahead: Map<number, Ahead> | undefined, id: number): Ahead | undefined {
  const found = ahead?.get(id);
  if (ahead && found) {
    ahead.delete(id);
    aheadBytes -= found.bytes;
  }
  return found;
}

/**
 * Starts reading mails just stored in `db` (each with the ids of the rows stored for it: one per
 * workspace), for readStoredMails to take. Does nothing in a process that does not process mail (see
 * configureMailReaders), when mail is read on the main thread (that would only move the work earlier),
 * nor for mail over a megabyte.
 */
export function readAhead(db: object, stored: { ids: number[]; raw: Uint8Array }[]): void {
  if (!readsAhead) return;
  let ahead = aheadOf.get(db);
  if (!ahead) aheadOf.set(db, (ahead = new Map<number, Ahead>()));
  const now = Date.now();
  letGo(ahead, now);
  let room = AHEAD_BYTES - aheadBytes;
  const chosen = stored.filter((s) => {
    const bytes = s.raw.byteLength * s.ids.length;
    if (s.ids.length === 0 || s.raw.byteLength > AHEAD_MAIL_BYTES || bytes > room) return false;
    room -= bytes;
    return true;
  });
  if (chosen.length === 0) return;
  const raws = chosen.map((s) => s.raw);
  const read = readerPool().then((readers) => (readers ? readOnThreads(readers, raws) : readOnMain(raws)));
  for (const [i, s] of chosen.entries()) {
    const result = read.then((all) => all[i] ?? nothing());
    // Never an unhandled rejection: a result nobody takes is let go.
    result.catch(() => undefined);
    for (const id of s.ids) {
      ahead.set(id, { result, bytes: s.raw.byteLength, at: now });
      aheadBytes += s.raw.byteLength;
    }
  }
}

/** The raw bytes of stored mails by id, for those not read ahead (inbound-repository.ts rawsOf). */
export type RawsOf = (ids: number[]) => Promise<Map<number, Uint8Array>>;

/**
 * readMail for each of `db`'s stored mails: what was read ahead for its id, else read on the reader
 * threads now, its raw bytes fetched then (`rawsOf`). Each result is what readMail gives, or the error it
 * throws (UnreadableMailError kept).
 */
export async function readStoredMails(
  db: object,
  rows: { id: number }[],
  rawsOf: RawsOf,
): Promise<Settled[]> {
  const ahead = aheadOf.get(db);
  const taken = rows.map((r) => take(ahead, r.id)?.result);
  if (ahead) letGo(ahead, Date.now());
  const missingIds = rows.filter((_, i) => taken[i] === undefined).map((r) => r.id);
  const raws = missingIds.length > 0 ? await rawsOf(missingIds) : new Map<number, Uint8Array>();
  const found = missingIds.filter((id) => raws.has(id));
  const missing = found.map((id) => raws.get(id) as Uint8Array);
  const readers = missing.length > 0 ? await readerPool() : null;
  const read =
    missing.length === 0 ? [] : readers ? await readOnThreads(readers, missing) : await readOnMain(missing);
  const readOf = new Map(found.map((id, i) => [id, read[i] ?? nothing()]));
  return Promise.all(rows.map((r, i) => taken[i] ?? Promise.resolve(readOf.get(r.id) ?? gone(r.id))));
}

/** readMail of one stored mail (readStoredMails): the same result, or the same error. */
export async function readStoredMail(db: object, row: { id: number }, rawsOf: RawsOf): Promise<ReadMail> {
  const [result = nothing()] = await readStoredMails(db, [row], rawsOf);
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/** How many tasks the reader threads have done (0 when mail is read on the main thread). */
export function readerThreadTasks(): number {
  return started ? started.completed : 0;
}

/** Stops the reader threads and lets go of what was read ahead (the next read starts them again). */
export async function stopMailReaders(): Promise<void> {
  const running = started;
  started = null;
  pool = undefined;
  // What was read ahead goes with the threads (a read still under way is cut off, not a result).
  aheadOf = new WeakMap();
  aheadBytes = 0;
  await running?.destroy();
}
