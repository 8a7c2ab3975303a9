/**
 * `sla.recompute`: recomputes the due dates of open tickets after an SLA edit, in batches of their own
 * transactions (a large SLA does not hold one long lock), counting progress on the run row.
 *
 * Idempotent: every ticket's dues are a pure function of its history and the SLA as it is now, so a
 * retry after a crash just starts the run over (progress restarts at 0) and gives the same result.
 */
import type { Database } from '../../db/client.js';
import type { SlaRecomputeRun, SupportTicket } from '../../db/schema.js';
import { inWorkspace, type Tx } from '../../db/tenant.js';
import { recordEvent } from '../../platform/events.js';
import type { JobDefinition } from '../../platform/jobs/queue.js';
import type { Logger } from '../../platform/logger.js';
import { presentChanges } from '../tickets/index.js';
import * as repo from './repository.js';
import './request-recompute.js';
import { refreshTicketDues } from './refresh-ticket-dues.js';
import { clockFacts } from './resolve-sla.js';

const OPEN = ['new', 'open', 'pending', 'on_hold'] as const;
export const RECOMPUTE_BATCH = 200;

function openTickets(tx: Tx, run: SlaRecomputeRun) {
  let q = tx
    .selectFrom('support_tickets')
    .where('workspace_id', '=', run.workspace_id)
    .where('status', 'in', OPEN);
  if (run.scope === 'sla') q = q.where('sla_id', '=', run.sla_id ?? -1);
  return q;
}

/** Runs one recompute to the end; returns the finished run (undefined if it no longer exists). */
export async function runRecompute(
  deps: { db: Database; now: () => Date },
  payload: { workspaceId: number; runId: number },
): Promise<SlaRecomputeRun | undefined> {
  const { db } = deps;
  const { workspaceId, runId } = payload;
  const run = await inWorkspace(db, workspaceId, async (tx) => {
    const found = await repo.findRun(tx, workspaceId, runId);
    if (!found || found.status === 'done') return found;
    const { n } = await openTickets(tx, found)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const started = { status: 'running' as const, total: Number(n), done: 0, changed: 0, error: '' };
    await repo.updateRun(tx, workspaceId, runId, { ...started, started_at: deps.now(), finished_at: null });
    return { ...found, ...started };
  });
  if (!run || run.status === 'done') return run;
  try {
    let after = 0;
    for (;;) {
      const last = await inWorkspace(db, workspaceId, (tx) => recomputeBatch(tx, run, after, deps.now()));
      if (last === null) break;
      after = last;
    }
    return await inWorkspace(db, workspaceId, async (tx) => {
      await repo.updateRun(tx, workspaceId, runId, { status: 'done', finished_at: deps.now() });
      return repo.findRun(tx, workspaceId, runId);
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await inWorkspace(db, workspaceId, (tx) =>
      repo.updateRun(tx, workspaceId, runId, {
        status: 'failed',
        error: message.slice(0, 2000),
        finished_at: deps.now(),
      }),
    );
    throw err;
  }
}

/** Recomputes the next batch after ticket id `after`; returns the last id done, null when none was left. */
async function recomputeBatch(
  tx: Tx,
  run: SlaRecomputeRun,
  after: number,
  now: Date,
): Promise<number | null> {
  const tickets: SupportTicket[] = await openTickets(tx, run)
    .selectAll()
    .where('id', '>', after)
    .orderBy('id')
    .limit(RECOMPUTE_BATCH)
    .forUpdate()
    .execute();
  if (tickets.length === 0) return null;
  const facts = clockFacts(tx, run.workspace_id);
  let changed = 0;
  for (const ticket of tickets) {
    const result = await refreshTicketDues({ tx, now, actor: {}, record: true, facts }, ticket);
    if (!result.changed) continue;
    changed++;
    if (result.changes.length === 0) continue;
    await recordEvent(tx, {
      workspaceId: run.workspace_id,
      type: 'ticket.updated',
      subjectType: 'ticket',
      subjectId: ticket.id,
      payload: {
        ticket_id: ticket.id,
        reason: `SLA recompute: ${run.reason}`,
        changes: presentChanges(result.changes),
      },
    });
  }
  await repo.addRunProgress(tx, run.workspace_id, run.id, tickets.length, changed);
  return tickets[tickets.length - 1]!.id;
}

export function recomputeSlaJob(deps: {
  db: Database;
  now: () => Date;
  log: Logger;
}): JobDefinition<'sla.recompute'> {
  return {
    name: 'sla.recompute',
    retryLimit: 3,
    retryDelaySeconds: 30,
    retryBackoff: true,
    async handler(payload) {
      const run = await runRecompute(deps, payload);
      deps.log.info({ run: run?.id, total: run?.total, changed: run?.changed }, 'SLA recompute finished');
    },
  };
}
