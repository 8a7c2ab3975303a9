/** What every module receives: the validated config, the database, the job queue, the file store and the clock. */
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Realtime } from './events/realtime.js';
import type { JobQueue } from './jobs/queue.js';
import type { Logger } from './logger.js';
import type { Storage } from './storage/storage.js';

export interface AppDeps {
  config: Config & { sessionSecret: string };
  db: Database;
  jobs: JobQueue;
  /** Attachment contents (content-addressed). */
  storage: Storage;
  /** The current time; tests pass a fixed clock. */
  now: () => Date;
  log: Logger;
  /** This process's LISTEN connection and live event feed (SSE streams, presence, the dispatcher's wake-up). */
  realtime: Realtime;
}
