/**
 * A scheduled sweep: pg-boss runs it on its cron with an empty payload, and a failed run is not retried
 * (the next run is the retry, and it picks up whatever this one left).
 */
import type { JobDefinition, JobName } from './queue.js';

export function scheduledSweep<N extends JobName>(spec: {
  name: N;
  /** Cron expression (pg-boss schedules by the minute). */
  schedule: string;
  now: () => Date;
  run: (now: Date) => Promise<void>;
}): JobDefinition<N> {
  return {
    name: spec.name,
    schedule: spec.schedule,
    retryLimit: 0,
    async handler() {
      await spec.run(spec.now());
    },
  };
}
