/**
 * One workspace's share of a breach check: flags the tickets (exactly once, see claimDueTickets), adds the
 * internal "SLA breached" system message and the `sla.breached` event to each, and escalates those whose
 * SLA escalates on breach to its escalation team (breach-escalation.ts).
 */
import type { Tx } from '../../db/tenant.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { escalateTickets } from './breach-escalation.js';
import { targetLabel, type SweepCheck } from './sweep-checks.js';
import { breachMessage } from './sweep-mail.js';
import {
  addSystemMessages,
  claimDueTickets,
  findSlas,
  findWorkspaceLabel,
  recordTicketEvents,
} from './sweep-repository.js';

export interface SweepBatch {
  check: SweepCheck;
  workspaceId: number;
  ids: readonly number[];
  now: Date;
  jobs: JobQueue;
}

export interface BatchOutcome {
  /** Tickets flagged by this batch. */
  done: number;
  escalated: number;
}

/** Records the breaches of `ids` that are still due; runs inside the workspace's transaction. */
export async function recordBreaches(tx: Tx, batch: SweepBatch): Promise<BatchOutcome> {
  const { check, workspaceId, now } = batch;
  const claimed = await claimDueTickets(tx, check, workspaceId, batch.ids, now);
  if (claimed.length === 0) return { done: 0, escalated: 0 };
  const workspace = await findWorkspaceLabel(tx, workspaceId);
  const slaIds = [...new Set(claimed.flatMap((t) => (t.sla_id === null ? [] : [t.sla_id])))];
  const slas = new Map((await findSlas(tx, workspaceId, slaIds)).map((s) => [s.id, s]));

  await addSystemMessages(
    tx,
    claimed.map((t) => ({
      workspace_id: t.workspace_id,
      ticket_id: t.id,
      text: breachMessage(check.target, t.due_at, {
        timezone: workspace.timezone,
        slaName: (t.sla_id === null ? undefined : slas.get(t.sla_id))?.name ?? null,
      }),
    })),
    now,
  );

  // Escalations, one set-based call per SLA (its team and its reason).
  const escalatedTo = new Map<number, number>();
  for (const sla of slas.values()) {
    if (!sla.escalate_on_breach || sla.escalation_team_id === null) continue;
    const results = await escalateTickets(tx, {
      workspaceId,
      ticketIds: claimed.filter((t) => t.sla_id === sla.id).map((t) => t.id),
      teamId: sla.escalation_team_id,
      reason: `SLA "${sla.name}": ${targetLabel(check.target)} breached`,
      now,
      jobs: batch.jobs,
    });
    for (const r of results ?? []) escalatedTo.set(r.ticketId, r.teamId);
  }

  await recordTicketEvents(
    tx,
    claimed.map((t) => ({
      workspaceId,
      type: 'sla.breached',
      ticketId: t.id,
      payload: {
        target: check.target,
        due_at: t.due_at.toISOString(),
        sla_id: t.sla_id,
        escalated_to_team_id: escalatedTo.get(t.id) ?? null,
      },
    })),
  );
  return { done: claimed.length, escalated: escalatedTo.size };
}
