/**
 * `kb.sweep-views`, daily: forgets article views older than yesterday. A view row only exists to count
 * a visitor once per day; the article's view_count keeps the total. The hashes go with the rows, so
 * nothing about a visitor outlives the day after.
 */
import type { Database } from '../../db/client.js';
import { asSystem } from '../../db/tenant.js';
import type { JobDefinition } from '../../platform/jobs/queue.js';
import type { Logger } from '../../platform/logger.js';
import { deleteViewsBefore } from './feedback-repository.js';
import { scheduledSweep } from '../../platform/jobs/scheduled-job.js';

declare module '../../platform/jobs/queue.js' {
  interface JobPayloads {
    'kb.sweep-views': Record<string, never>;
  }
}

/** Deletes the views of days before yesterday (UTC); returns how many went. */
export async function sweepArticleViews(db: Database, now: Date): Promise<number> {
  const yesterday = new Date(now.getTime() - 24 * 3600_000).toISOString().slice(0, 10);
  return asSystem(db, (tx) => deleteViewsBefore(tx, yesterday));
}

export function sweepArticleViewsJob(deps: {
  db: Database;
  log: Logger;
  now: () => Date;
}): JobDefinition<'kb.sweep-views'> {
  return scheduledSweep({
    name: 'kb.sweep-views',
    schedule: '23 3 * * *',
    now: deps.now,
    run: async (now) => {
      const removed = await sweepArticleViews(deps.db, now);
      deps.log.info({ removed }, 'old knowledge-base views removed');
    },
  });
}
