/**
 * `auth.sweep`, hourly: forgets what has expired — sessions, one-time login links and Idempotency-Keys
 * older than their 24 h window — across all workspaces, so these tables do not grow forever.
 */
import type { Database } from '../../db/client.js';
import { asSystem } from '../../db/tenant.js';
import type { JobDefinition } from '../jobs/queue.js';
import type { Logger } from '../logger.js';
import { scheduledSweep } from '../jobs/scheduled-job.js';

declare module '../jobs/queue.js' {
  interface JobPayloads {
    'auth.sweep': Record<string, never>;
  }
}

const IDEMPOTENCY_TTL_HOURS = 24;

/** Deletes expired rows; returns how many of each went. */
export async function sweepExpiredCredentials(db: Database, now: Date) {
  return asSystem(db, async (tx) => {
    const sessions = await tx.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
    const links = await tx
      .deleteFrom('customer_login_tokens')
      .where('expires_at', '<', now)
      .executeTakeFirst();
    const keys = await tx
      .deleteFrom('idempotency_keys')
      .where('created_at', '<', new Date(now.getTime() - IDEMPOTENCY_TTL_HOURS * 3600_000))
      .executeTakeFirst();
    return {
      sessions: Number(sessions.numDeletedRows),
      login_links: Number(links.numDeletedRows),
      idempotency_keys: Number(keys.numDeletedRows),
    };
  });
}

export function sweepCredentialsJob(deps: {
  db: Database;
  log: Logger;
  now: () => Date;
}): JobDefinition<'auth.sweep'> {
  return scheduledSweep({
    name: 'auth.sweep',
    schedule: '17 * * * *',
    now: deps.now,
    run: async (now) => {
      const removed = await sweepExpiredCredentials(deps.db, now);
      deps.log.info({ removed }, 'expired credentials removed');
    },
  });
}
