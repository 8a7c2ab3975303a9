/** Every job definition of the product, started by processes with the worker role. */
import type { AppDeps } from './platform/deps.js';
import type { JobDefinition } from './platform/jobs/queue.js';
import { lazyMailTransport } from './platform/mail/lazy-transport.js';
import { sendEmailJob } from './platform/mail/send-email-job.js';
import { sweepEmailJob } from './platform/mail/sweep-job.js';
import { createMailTransport } from './platform/mail/transport.js';

/**
 * The job definitions for a worker process. The mail transport is owned here, but server.ts gives job
 * resources no shutdown hook, so it is lazy: built on the first mail and closed after 30 s without
 * mail. A worker holds no SMTP connection while idle, and at most one quiet pool is cut at exit.
 */
export function jobDefinitions(deps: AppDeps): JobDefinition[] {
  const log = deps.log;
  const transport = lazyMailTransport(() => createMailTransport(deps.config, log));
  return [
    sendEmailJob({ db: deps.db, transport, log }),
    sweepEmailJob({ db: deps.db, jobs: deps.jobs, log }),
  ];
}
