/**
 * The SLA sweep: one pass over all workspaces that records every first response and resolution now
 * overdue (breach) or nearly so (warning), each exactly once — also when two workers sweep at once.
 *
 * Pages of up to `batchSize` due tickets per check are read across workspaces (asSystem, each from its
 * check's partial index, oldest first); then each workspace's share of the pages is claimed and handled
 * in one short transaction of its own (inWorkspace: row-level security scopes every side effect to the
 * ticket's workspace). A backlog is many small transactions, never one giant one; a workspace whose
 * share fails is logged and retried by the next pass, without holding up the others.
 */
import type { Database } from '../../db/client.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import type { Logger } from '../../platform/logger.js';
import { SWEEP_CHECKS, type SweepCheck } from './sweep-checks.js';
import { findDueTickets, type DueTicket } from './sweep-repository.js';
import { sweepWorkspace } from './sweep-workspace.js';

/** Tickets read per statement, and claimed per statement, per check. */
export const SWEEP_BATCH_SIZE = 500;
const PAGES_PER_ROUND = 4;

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

const resultKey = (check: SweepCheck) =>
  `${check.target}_${check.effect === 'breach' ? 'breaches' : 'warnings'}` as const;

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
  // Per check, where its next page starts (keyset), or null once it has no more due tickets.
  const cursors = new Map<SweepCheck, { after: DueTicket | null } | null>(
    SWEEP_CHECKS.map((c) => [c, { after: null }]),
  );
  for (;;) {
    const open = SWEEP_CHECKS.filter((c) => cursors.get(c));
    if (open.length === 0) return result;
    // Up to PAGES_PER_ROUND pages per check, so that a workspace's share of a round fills its
    // transaction (a thousand due tickets over twenty workspaces: twenty transactions, not forty).
    const pages = await asSystem(deps.db, async (tx) => {
      const found: { check: SweepCheck; page: DueTicket[] }[] = [];
      for (const check of open) {
        for (let n = 0; n < PAGES_PER_ROUND && cursors.get(check); n++) {
          const page = await findDueTickets(tx, check, now, cursors.get(check)!.after, batchSize);
          cursors.set(check, page.length < batchSize ? null : { after: page[page.length - 1]! });
          found.push({ check, page });
        }
      }
      return found;
    });
    for (const [workspaceId, chunks] of byWorkspace(pages, batchSize)) {
      for (const due of chunks) {
        try {
          const outcome = await inWorkspace(deps.db, workspaceId, (tx) =>
            sweepWorkspace(tx, { workspaceId, due, now, jobs: deps.jobs }),
          );
          due.forEach(({ check }, i) => (result[resultKey(check)] += outcome.done[i] ?? 0));
          result.escalations += outcome.escalated;
        } catch (err) {
          const ids = due.flatMap((d) => d.ids);
          result.failed += ids.length;
          deps.log.error(
            { err, workspaceId, ticketIds: ids },
            'SLA sweep of a workspace failed; the next pass retries it',
          );
        }
      }
    }
  }
}

type WorkspaceChunk = { check: SweepCheck; ids: number[] }[];

/**
 * The due tickets of a round by workspace, in transactions of at most `batchSize` tickets per check
 * (checks in their order, so breaches come before warnings).
 */
function byWorkspace(
  pages: readonly { check: SweepCheck; page: DueTicket[] }[],
  batchSize: number,
): Map<number, WorkspaceChunk[]> {
  const groups = new Map<number, WorkspaceChunk[]>();
  for (const { check, page } of pages) {
    for (const t of page) {
      const chunks = groups.get(t.workspace_id) ?? [];
      groups.set(t.workspace_id, chunks);
      let chunk = chunks.find((c) => (c.find((d) => d.check === check)?.ids.length ?? 0) < batchSize);
      if (!chunk) chunks.push((chunk = []));
      const entry = chunk.find((d) => d.check === check);
      if (entry) entry.ids.push(t.id);
      else chunk.push({ check, ids: [t.id] });
    }
  }
  for (const chunks of groups.values()) {
    for (const chunk of chunks)
      chunk.sort((a, b) => SWEEP_CHECKS.indexOf(a.check) - SWEEP_CHECKS.indexOf(b.check));
  }
  return groups;
}
