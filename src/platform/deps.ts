/** What every module receives: the validated config, the database, the job queue and the clock. */
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { JobQueue } from './jobs/queue.js';
import type { Logger } from './logger.js';

export interface AppDeps {
  config: Config & { sessionSecret: string };
  db: Database;
  jobs: JobQueue;
  /** The current time; tests pass a fixed clock. */
  now: () => Date;
  log: Logger;
}
