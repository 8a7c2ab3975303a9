/**
 * The SLA sweep: one pass over all workspaces that records every first response and resolution now
 * overdue (breach) or nearly so (warning), each exactly once — also when two workers sweep at once.
 *
 * For each check, pages of up to `batchSize` due tickets are read across workspaces (asSystem, from the
 * check's partial index, oldest first), then each workspace's share is claimed and handled in its own
 * short transaction (inWorkspace: row-level security scopes every side effect to the ticket's
 * workspace). A backlog is many small transactions, never one giant one; a workspace whose share fails
 * is logged and retried by the next pass, without holding up the others.
 */
import type { Database } from '../../db/client.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import type { Logger } from '../../platform/logger.js';
import { recordBreaches, type BatchOutcome, type SweepBatch } from './breach-tickets.js';
import { SWEEP_CHECKS, type SweepCheck } from './sweep-checks.js';
import { findDueTickets, type DueTicket } from './sweep-repository.js';
import { recordWarnings } from './warning-tickets.js';

/** Tickets read per statement. */
export const SWEEP_BATCH_SIZE = 500;

export interface SlaSweepDeps {
  db: Database;
  jobs: JobQueue;
  log: Logger;
}

export interface SlaSweepResult {
  response_breaches: number;
  resolution_breaches: number;
  response_warnings: number;
  resolution_warnings: number;
  escalations: number;
  /** Due tickets left for the next pass because their workspace's transaction failed. */
  failed: number;
}

function byWorkspace(due: readonly DueTicket[]): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (const t of due) {
    const ids = groups.get(t.workspace_id);
    if (ids) ids.push(t.id);
    else groups.set(t.workspace_id, [t.id]);
  }
  return groups;
}

async function runCheck(
  deps: SlaSweepDeps,
  check: SweepCheck,
  now: Date,
  batchSize: number,
): Promise<BatchOutcome & { failed: number }> {
  const handle = check.effect === 'breach' ? recordBreaches : recordWarnings;
  const total = { done: 0, escalated: 0, failed: 0 };
  let after: DueTicket | null = null;
  for (;;) {
    const page: DueTicket[] = await asSystem(deps.db, (tx) =>
      findDueTickets(tx, check, now, after, batchSize),
    );
    for (const [workspaceId, ids] of byWorkspace(page)) {
      const batch: SweepBatch = { check, workspaceId, ids, now, jobs: deps.jobs };
      try {
        const outcome = await inWorkspace(deps.db, workspaceId, (tx) => handle(tx, batch));
        total.done += outcome.done;
        total.escalated += outcome.escalated;
      } catch (err) {
        total.failed += ids.length;
        deps.log.error(
          { err, workspaceId, check: `${check.target} ${check.effect}`, ticketIds: ids },
          'SLA sweep batch failed; the next pass retries it',
        );
      }
    }
    if (page.length < batchSize) return total;
    after = page[page.length - 1] ?? null;
  }
}

/** One pass of the sweep at `now`; returns what it did. */
export async function sweepSla(
  deps: SlaSweepDeps,
  now: Date,
  options: { batchSize?: number } = {},
): Promise<SlaSweepResult> {
  const batchSize = options.batchSize ?? SWEEP_BATCH_SIZE;
  const result: SlaSweepResult = {
    response_breaches: 0,
    resolution_breaches: 0,
    response_warnings: 0,
    resolution_warnings: 0,
    escalations: 0,
    failed: 0,
  };
  for (const check of SWEEP_CHECKS) {
    const outcome = await runCheck(deps, check, now, batchSize);
    const key = `${check.target}_${check.effect === 'breach' ? 'breaches' : 'warnings'}` as const;
    result[key] += outcome.done;
    result.escalations += outcome.escalated;
    result.failed += outcome.failed;
  }
  return result;
}
