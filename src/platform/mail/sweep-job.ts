/**
 * `mail.sweep`, every minute: the safety net of the outbound mail queue, across all workspaces.
 * - a row still 'pending' two minutes after it was queued with no mail.send job waiting, retrying or
 *   running for it (the job was lost, or ran out of retries before it could claim the row) gets a new
 *   job; the claim in send-email-job.ts keeps this from ever sending a mail twice;
 * - a row 'sending' for over an hour with no job running (the process died mid-send) is marked failed,
 *   not resent: the SMTP server may have accepted it, and a duplicate is worse than a reported failure.
 */
import type { Database } from '../../db/client.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import type { JobDefinition, JobQueue } from '../jobs/queue.js';
import type { Logger } from '../logger.js';
import './queue-email.js';
import { failInterruptedEmails, findOrphanedPendingEmails } from './repository.js';

export const ORPHANED_AFTER_MINUTES = 2;
export const INTERRUPTED_AFTER_MINUTES = 60;
export const INTERRUPTED_ERROR = 'interrupted; not resent to avoid duplicates';
/** Rows re-enqueued per run; the next run, a minute later, takes the rest. */
const BATCH = 500;

export interface SweepEmailJobDeps {
  db: Database;
  jobs: JobQueue;
  log: Logger;
}

/** The scheduled `mail.sweep` job definition. */
export function sweepEmailJob({ db, jobs, log }: SweepEmailJobDeps): JobDefinition<'mail.sweep'> {
  return {
    name: 'mail.sweep',
    schedule: '* * * * *',
    retryLimit: 0, // the next run is a minute away
    async handler() {
      // Cross-workspace scans, hence asSystem; each new job is written in its row's workspace.
      const orphaned = await asSystem(db, (tx) =>
        findOrphanedPendingEmails(tx, ORPHANED_AFTER_MINUTES, BATCH),
      );
      for (const row of orphaned) {
        await inWorkspace(db, row.workspace_id, (tx) =>
          jobs.enqueue(tx, 'mail.send', { workspaceId: row.workspace_id, outboundEmailId: row.id }),
        );
      }
      const interrupted = await asSystem(db, (tx) =>
        failInterruptedEmails(tx, INTERRUPTED_AFTER_MINUTES, INTERRUPTED_ERROR),
      );
      if (orphaned.length > 0) log.warn({ ids: orphaned.map((r) => r.id) }, 'outbound emails re-enqueued');
      if (interrupted.length > 0) {
        log.error(
          { ids: interrupted.map((r) => r.id) },
          'outbound emails interrupted while sending; not resent',
        );
      }
    },
  };
}
