/** Every job definition of the product, started by processes with the worker role. */
import { surveyJob } from './modules/analytics/index.js';
import { sweepTeamQueuesJob } from './modules/assignment/index.js';
import { sweepArticleViewsJob } from './modules/kb/index.js';
import { sweepCredentialsJob } from './platform/auth/sweep-job.js';
import type { AppDeps } from './platform/deps.js';
import type { JobDefinition } from './platform/jobs/queue.js';
import { lazyMailTransport } from './platform/mail/lazy-transport.js';
import { sendEmailJob } from './platform/mail/send-email-job.js';
import { sweepEmailJob } from './platform/mail/sweep-job.js';
import { createMailTransport } from './platform/mail/transport.js';
import { notifySlaJob, recomputeSlaJob, sweepSlaJob } from './modules/sla/index.js';
import { deliverWebhookJob } from './modules/webhooks/index.js';
import { mailboxTransports } from './modules/email/index.js';
import { reofferChatJob } from './modules/channels/index.js';
import { imapPollJob, inboundSweepJob, processInboundJob, secretBox } from './modules/email/index.js';
import { resolveMailSecretKey } from './config.js';
import { ticketHooks } from './ticket-hooks.js';

export interface Workers {
  definitions: JobDefinition[];
  /** Releases what the jobs hold (the SMTP pool); called after the queue stopped. */
  close(): Promise<void>;
}

/**
 * The job definitions for a worker process. The mail transport is built on the first mail and closed
 * after 30 s without mail, so an idle worker holds no SMTP connection; close() ends it at shutdown.
 */
export function jobDefinitions(deps: AppDeps): Workers {
  const log = deps.log;
  const transport = lazyMailTransport(() => createMailTransport(deps.config, log));
  const mailSecrets = secretBox(resolveMailSecretKey(deps.config));
  const mailboxes = mailboxTransports({
    db: deps.db,
    fallback: transport,
    mailFrom: deps.config.mailFrom,
    decrypt: (sealed) => {
      try {
        return mailSecrets.open(sealed);
      } catch (err) {
        log.warn({ err }, 'a mailbox SMTP URL could not be decrypted; sending through the install transport');
        return null;
      }
    },
  });
  return {
    definitions: [
      sendEmailJob({
        db: deps.db,
        transport,
        log,
        storage: deps.storage,
        transportsFor: (mails) => mailboxes.transportsFor(mails),
      }),
      sweepEmailJob({ db: deps.db, jobs: deps.jobs, log, transport }),
      sweepCredentialsJob({ db: deps.db, log, now: deps.now }),
      sweepTeamQueuesJob({ db: deps.db, log, now: deps.now }),
      recomputeSlaJob({ db: deps.db, log, now: deps.now }),
      sweepSlaJob({
        db: deps.db,
        jobs: deps.jobs,
        log,
        now: deps.now,
        intervalMinutes: deps.config.slaSweepIntervalMinutes,
      }),
      notifySlaJob({ db: deps.db, jobs: deps.jobs, publicUrl: deps.config.publicUrl }),
      sweepArticleViewsJob({ db: deps.db, log, now: deps.now }),
      surveyJob({
        db: deps.db,
        jobs: deps.jobs,
        publicUrl: deps.config.publicUrl,
        secret: deps.config.sessionSecret,
        now: deps.now,
      }),
      deliverWebhookJob({
        db: deps.db,
        jobs: deps.jobs,
        log,
        now: deps.now,
        allowPrivateTargets: deps.config.webhookAllowPrivateTargets,
      }),
      reofferChatJob({ db: deps.db, jobs: deps.jobs, log, now: deps.now }),
      processInboundJob({
        db: deps.db,
        storage: deps.storage,
        now: deps.now,
        hooks: ticketHooks(),
        limits: deps.config,
        log,
      }),
      imapPollJob({
        db: deps.db,
        jobs: deps.jobs,
        secrets: mailSecrets,
        now: deps.now,
        log,
      }),
      inboundSweepJob({ db: deps.db, jobs: deps.jobs, now: deps.now }),
    ],
    close: async () => {
      await mailboxes.close();
      await transport.close();
    },
  };
}
