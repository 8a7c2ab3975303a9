/**
 * One workspace's share of a breach check: flags the tickets (exactly once, see claimDueTickets), adds the
 * internal "SLA breached" system message and the `sla.breached` event to each, and escalates those whose
 * SLA escalates on breach to its escalation team.
 */
import type { Tx } from '../../db/tenant.js';
import { recordEvent } from '../../platform/events.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { addSystemMessage } from '../tickets/system-message.js';
import { escalateTicket } from './breach-escalation.js';
import { targetLabel, type SweepCheck } from './sweep-checks.js';
import { breachMessage } from './sweep-mail.js';
import { claimDueTickets, findSlas, findWorkspaceLabel } from './sweep-repository.js';

export interface SweepBatch {
  check: SweepCheck;
  workspaceId: number;
  ids: readonly number[];
  now: Date;
  jobs: JobQueue;
  publicUrl: string;
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

  let escalated = 0;
  for (const ticket of claimed) {
    const sla = ticket.sla_id === null ? undefined : slas.get(ticket.sla_id);
    const slaName = sla?.name ?? null;
    await addSystemMessage(
      tx,
      ticket,
      breachMessage(check.target, ticket.due_at, {
        workspaceName: workspace.name,
        timezone: workspace.timezone,
        slaName,
      }),
      now,
    );
    const escalation =
      sla?.escalate_on_breach && sla.escalation_team_id !== null
        ? await escalateTicket(tx, {
            ticket,
            teamId: sla.escalation_team_id,
            reason: `SLA "${sla.name}": ${targetLabel(check.target)} breached`,
            now,
            jobs: batch.jobs,
            publicUrl: batch.publicUrl,
            workspaceName: workspace.name,
          })
        : null;
    if (escalation) escalated++;
    await recordEvent(tx, {
      workspaceId,
      type: 'sla.breached',
      subjectType: 'ticket',
      subjectId: ticket.id,
      payload: {
        target: check.target,
        due_at: ticket.due_at.toISOString(),
        sla_id: ticket.sla_id,
        escalated_to_team_id: escalation?.teamId ?? null,
      },
    });
  }
  return { done: claimed.length, escalated };
}
