/**
 * Typed background jobs. Modules declare their payloads by augmenting JobPayloads:
 *
 *   declare module '../../platform/jobs/queue.js' {
 *     interface JobPayloads { 'mail.send': { workspaceId: number; outboundEmailId: number } }
 *   }
 *
 * and register a JobDefinition for each name. Jobs are enqueued inside the caller's transaction, so a
 * job exists only if the change that caused it committed; handlers must be idempotent (retries happen).
 */
import type { RawBuilder } from 'kysely';
import type { Tx } from '../../db/tenant.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobPayloads {}

export type JobName = Extract<keyof JobPayloads, string>;

export interface EnqueueOptions {
  /** At most one queued job with this key per name (pg-boss singletonKey). */
  singletonKey?: string;
  startAfterSeconds?: number;
}

export interface JobDefinition<N extends JobName = JobName> {
  name: N;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** Cron expression for scheduled jobs (runs with an empty payload). */
  schedule?: string;
  handler(payload: JobPayloads[N]): Promise<void>;
  /**
   * Jobs fetched at once (default 1). With more than one, `handleBatch` (when given) receives them
   * together, so that a handler can share one transaction between them; a fetch that filled the batch is
   * followed by the next at once instead of after the polling interval.
   */
  batchSize?: number;
  /** Handles a fetched batch; a throw fails (and retries) every job of it. Default: `handler` each. */
  handleBatch?(payloads: JobPayloads[N][]): Promise<void>;
}

export interface JobQueue {
  enqueue<N extends JobName>(
    tx: Tx,
    name: N,
    payload: JobPayloads[N],
    options?: EnqueueOptions,
  ): Promise<void>;
  /** Several jobs of one queue in one statement (no options); enqueueAll() falls back to enqueue(). */
  enqueueMany?<N extends JobName>(tx: Tx, name: N, payloads: JobPayloads[N][]): Promise<void>;
  /**
   * The INSERT of one job of the queue for each row of the CTE named `from` (its column `data`: the
   * payload as jsonb), to be written as a CTE of a statement that also writes what the jobs are about: one
   * statement commits both or neither, without a transaction around it (one round trip).
   */
  insertJobsFrom?(name: JobName, from: string): RawBuilder<unknown>;
  /** Starts workers for the registered definitions (process roles worker and all). */
  startWorkers(definitions: JobDefinition[]): Promise<void>;
  /**
   * Tells this process's workers of the queue to fetch now rather than at their next poll (after a
   * commit that enqueued work they should pick up at once). Does nothing where no worker runs.
   */
  wake?(name: JobName): void;
  stop(): Promise<void>;
}

/** Enqueues the jobs in the caller's transaction: in one statement where the queue can. */
export async function enqueueAll<N extends JobName>(
  jobs: JobQueue,
  tx: Tx,
  name: N,
  payloads: JobPayloads[N][],
): Promise<void> {
  if (payloads.length === 0) return;
  if (jobs.enqueueMany) return jobs.enqueueMany(tx, name, payloads);
  for (const payload of payloads) await jobs.enqueue(tx, name, payload);
}
