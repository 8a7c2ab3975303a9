/**
 * Asks for the open tickets' due dates to be recomputed after an SLA edit: a progress row and an
 * `sla.recompute` job, both in the caller's transaction (no edit without its recompute, and no
 * recompute of an edit that rolled back).
 */
import type { SlaRecomputeRun, SlaRecomputeScope } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { insertRun } from './repository.js';

declare module '../../platform/jobs/queue.js' {
  interface JobPayloads {
    'sla.recompute': { workspaceId: number; runId: number };
  }
}

export interface RecomputeRequest {
  /** The SLA whose edit causes it (null when it was deleted). */
  slaId: number | null;
  scope: SlaRecomputeScope;
  reason: string;
}

/** Records a queued run and enqueues its job; returns the run. */
export async function requestRecompute(
  ctx: { tx: Tx; workspaceId: number; jobs: JobQueue; userId: number | null; now: Date },
  request: RecomputeRequest,
): Promise<SlaRecomputeRun> {
  const run = await insertRun(ctx.tx, {
    workspace_id: ctx.workspaceId,
    sla_id: request.slaId,
    scope: request.scope,
    reason: request.reason.slice(0, 200),
    requested_by_id: ctx.userId,
    created_at: ctx.now,
  });
  await ctx.jobs.enqueue(ctx.tx, 'sla.recompute', { workspaceId: ctx.workspaceId, runId: run.id });
  return run;
}
