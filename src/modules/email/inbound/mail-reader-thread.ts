/**
 * The mail reader's thread (mail-reader.ts): parses and sanitises stored mails (readMail) away from
 * the process's main thread, where the SMTP listener, the HTTP server and the database work run. Takes
 * several mails per task: a task's round trip waits for the main thread's event loop, which is busy
 * exactly when much mail comes in.
 * Bundled beside the server as mail-reader-thread.js (scripts/server-bundle.mjs).
 */
import { readMail, UnreadableMailError, type ReadMail } from './read-mail.js';

export type ReadOutcome = { mail: ReadMail } | { error: string; unreadable: boolean };

export default async function read(raws: Uint8Array[]): Promise<ReadOutcome[]> {
  const outcomes: ReadOutcome[] = [];
  for (const raw of raws) {
    try {
      outcomes.push({ mail: await readMail(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)) });
    } catch (err) {
      // Errors cross the thread as plain data: the class, which processing tells apart, would be lost.
      outcomes.push({
        error: err instanceof Error ? err.message : String(err),
        unreadable: err instanceof UnreadableMailError,
      });
    }
  }
  return outcomes;
}
