/**
 * The SLA jobs of worker processes:
 * - `sla.sweep` runs the SLA sweep (breach-sweep.ts) on a pg-boss schedule, every
 *   SLA_SWEEP_INTERVAL_MINUTES (default 1; pg-boss schedules by the minute). Each run is one pass at the
 *   current time; two overlapping runs are harmless, as every breach and warning is claimed exactly once.
 * - `sla.notify` only drains jobs queued by versions before the SLA mail subscriber
 *   (notification-subscriber.ts), which now queues the mails of warnings and escalations; nothing
 *   enqueues it any more.
 */
import type { Database } from '../../db/client.js';
import { inWorkspace } from '../../db/tenant.js';
import type { JobDefinition, JobQueue } from '../../platform/jobs/queue.js';
import { sweepSla, type SlaSweepDeps } from './breach-sweep.js';
import { sendSlaNotifications } from './sweep-notify.js';
import { scheduledSweep } from '../../platform/jobs/scheduled-job.js';

declare module '../../platform/jobs/queue.js' {
  interface JobPayloads {
    'sla.sweep': Record<string, never>;
  }
}

/** The cron expression of a sweep every `minutes` (a divisor of 60, so that runs are evenly spaced). */
export function sweepSchedule(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 1 || 60 % minutes !== 0) {
    throw new Error(`SLA sweep interval must divide 60 minutes, got ${minutes}`);
  }
  if (minutes === 60) return '0 * * * *';
  return minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`;
}

export interface SweepSlaJobDeps extends SlaSweepDeps {
  now: () => Date;
  intervalMinutes: number;
}

/** The scheduled `sla.sweep` job definition. */
export function sweepSlaJob(deps: SweepSlaJobDeps): JobDefinition<'sla.sweep'> {
  return scheduledSweep({
    name: 'sla.sweep',
    schedule: sweepSchedule(deps.intervalMinutes),
    now: deps.now,
    run: async (now) => {
      const result = await sweepSla(deps, now);
      const { failed, ...done } = result;
      if (Object.values(done).some((n) => n > 0)) deps.log.info({ sla: done }, 'SLA sweep');
      if (failed > 0) deps.log.warn({ failed }, 'SLA sweep left tickets for the next pass');
    },
  });
}

/**
 * The `sla.notify` job definition, for jobs an earlier version queued: retried (with backoff) until their
 * mails are queued, never twice (the subscriber and this job share the mails' source keys).
 */
export function notifySlaJob(deps: {
  db: Database;
  jobs: JobQueue;
  publicUrl: string;
}): JobDefinition<'sla.notify'> {
  return {
    name: 'sla.notify',
    async handler({ workspaceId, eventIds }) {
      await inWorkspace(deps.db, workspaceId, (tx) =>
        sendSlaNotifications(tx, { workspaceId, eventIds, jobs: deps.jobs, publicUrl: deps.publicUrl }),
      );
    },
  };
}
