/**
 * The inbound mail jobs (worker processes only): `email.process` per workspace and commit of stored mail
 * (fetched in batches); `email.inbound-sweep` every minute, which enqueues the IMAP polls that are due and
 * re-enqueues stored mail whose job was lost; `email.imap-poll` per mailbox.
 */
import type { Database } from '../../../db/client.js';
import { asSystem } from '../../../db/tenant.js';
import type { JobDefinition, JobQueue } from '../../../platform/jobs/queue.js';
import type { Logger } from '../../../platform/logger.js';
import type { SecretBox } from '../mailboxes/secret-box.js';
import { pollMailbox } from './imap-poll.js';
import { mailsOfJob } from './process-job-payload.js';
import { processInboundBatch, processInboundEmail, type ProcessDeps } from './process-inbound.js';

/** Stored mail still 'received' this long after arriving is re-enqueued (its job was lost). */
const STALE_MINUTES = 5;

export function processInboundJob(deps: ProcessDeps & { log: Logger }): JobDefinition<'email.process'> {
  const processAll = async (mails: { workspaceId: number; inboundEmailId: number }[]) => {
    const failed = await processInboundBatch(deps, mails);
    if (failed.length > 0) deps.log.warn({ failed }, 'inbound email kept as failed');
  };
  return {
    name: 'email.process',
    retryLimit: 3,
    retryBackoff: true,
    // Fetched together, processed in one transaction per workspace (processInboundBatch).
    batchSize: 100,
    async handler(payload) {
      const mails = mailsOfJob(payload);
      const [only] = mails;
      if (mails.length > 1 || !only) return processAll(mails);
      if ((await processInboundEmail(deps, only.workspaceId, only.inboundEmailId)) === 'failed')
        deps.log.warn(only, 'inbound email kept as failed');
    },
    handleBatch: (payloads) => processAll(payloads.flatMap(mailsOfJob)),
  };
}

export function imapPollJob(deps: {
  db: Database;
  jobs: JobQueue;
  secrets: SecretBox;
  now: () => Date;
  log: Logger;
}): JobDefinition<'email.imap-poll'> {
  return {
    name: 'email.imap-poll',
    // Failures back off on the mailbox (imap_next_poll_at); the sweep is the retry.
    retryLimit: 0,
    async handler({ workspaceId, mailboxId }) {
      await pollMailbox(deps, workspaceId, mailboxId);
    },
  };
}

export function inboundSweepJob(deps: {
  db: Database;
  jobs: JobQueue;
  now: () => Date;
}): JobDefinition<'email.inbound-sweep'> {
  return {
    name: 'email.inbound-sweep',
    schedule: '* * * * *',
    retryLimit: 0,
    async handler() {
      await sweepInbound(deps);
    },
  };
}

/** Enqueues due IMAP polls and lost processing jobs (across workspaces, as the system). */
export async function sweepInbound(deps: { db: Database; jobs: JobQueue; now: () => Date }): Promise<void> {
  const now = deps.now();
  await asSystem(deps.db, async (tx) => {
    const due = await tx
      .selectFrom('mailboxes')
      .select(['id', 'workspace_id'])
      .where('is_active', '=', true)
      .where('imap_host', 'is not', null)
      .where((eb) => eb.or([eb('imap_next_poll_at', 'is', null), eb('imap_next_poll_at', '<=', now)]))
      .where((eb) => eb.or([eb('imap_lease_until', 'is', null), eb('imap_lease_until', '<', now)]))
      .execute();
    for (const m of due) {
      await deps.jobs.enqueue(
        tx,
        'email.imap-poll',
        { workspaceId: m.workspace_id, mailboxId: m.id },
        {
          singletonKey: `mailbox-${m.id}`,
        },
      );
    }
    const stale = await tx
      .selectFrom('inbound_emails')
      .select(['id', 'workspace_id'])
      .where('status', '=', 'received')
      .where('received_at', '<', new Date(now.getTime() - STALE_MINUTES * 60_000))
      .orderBy('received_at')
      .limit(500)
      .execute();
    for (const r of stale) {
      await deps.jobs.enqueue(
        tx,
        'email.process',
        { workspaceId: r.workspace_id, inboundEmailId: r.id },
        {
          singletonKey: `inbound-${r.id}`,
        },
      );
    }
  });
}
