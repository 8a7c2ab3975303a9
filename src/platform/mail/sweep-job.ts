/**
 * `mail.sweep`, every minute: the safety net of the outbound mail queue, across all workspaces.
 * - a row still 'pending' two minutes after it was queued with no mail.send job waiting, retrying or
 *   running for it (the job was lost, or ran out of retries before it could claim the row) gets a new
 *   job; the claim in send-email-job.ts keeps this from ever sending a mail twice;
 * - a row 'sending' whose lease ran out (rows from before leases: after an hour) with no job running —
 *   the process died between the claim and recording the outcome — is never resent blindly: the SMTP
 *   server may have accepted it, and a duplicate is worse than a reported failure. When the transport
 *   can tell by the row's Message-ID that it was delivered (the outbox directory can), it is marked
 *   sent; otherwise 'failed' with needs_review, shown on the ticket's mail with its Message-ID, so staff
 *   can check the mail server's log for that Message-ID and retry it deliberately (outbound mail API).
 */
import type { Database } from '../../db/client.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import type { JobDefinition, JobQueue } from '../jobs/queue.js';
import type { Logger } from '../logger.js';
import './queue-email.js';
import { announceMailStatus } from './announce-status.js';
import { findInterruptedEmails, findOrphanedPendingEmails, settleInterruptedEmail } from './repository.js';
import type { MailTransport } from './transport.js';

export const ORPHANED_AFTER_MINUTES = 2;
export const INTERRUPTED_AFTER_MINUTES = 60;
export const INTERRUPTED_ERROR = 'interrupted; not resent to avoid duplicates';
/** Rows re-enqueued per run; the next run, a minute later, takes the rest. */
const BATCH = 500;

export interface SweepEmailJobDeps {
  db: Database;
  jobs: JobQueue;
  log: Logger;
  /** Asked whether an interrupted mail was delivered after all (optional: without it, never). */
  transport?: Pick<MailTransport, 'wasDelivered'>;
}

/** The scheduled `mail.sweep` job definition. */
export function sweepEmailJob({ db, jobs, log, transport }: SweepEmailJobDeps): JobDefinition<'mail.sweep'> {
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
      const stuck = await asSystem(db, (tx) => findInterruptedEmails(tx, INTERRUPTED_AFTER_MINUTES, BATCH));
      const interrupted: number[] = [];
      for (const mail of stuck) {
        const delivered = (await transport?.wasDelivered?.(mail).catch(() => undefined)) === true;
        const settled = await inWorkspace(db, mail.workspace_id, async (tx) => {
          const done = await settleInterruptedEmail(
            tx,
            mail.id,
            delivered ? { delivered } : { delivered, reason: INTERRUPTED_ERROR },
          );
          if (done) await announceMailStatus(tx, mail.workspace_id, mail.id);
          return done;
        });
        if (settled && !delivered) interrupted.push(mail.id);
      }
      if (orphaned.length > 0) log.warn({ ids: orphaned.map((r) => r.id) }, 'outbound emails re-enqueued');
      if (interrupted.length > 0) {
        log.error({ ids: interrupted }, 'outbound emails interrupted while sending; not resent, for review');
      }
    },
  };
}
