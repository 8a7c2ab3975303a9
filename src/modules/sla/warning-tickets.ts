/**
 * One workspace's share of a warning check: flags the tickets as warned (exactly once, see
 * claimDueTickets) and records `sla.warning` for each; the `sla.notify` job then mails the people who can
 * still save the SLA — the assignee, else the ticket's team, else the workspace's admins.
 */
import type { Tx } from '../../db/tenant.js';
import type { BatchOutcome, SweepBatch } from './breach-tickets.js';
import { claimDueTickets, recordTicketEvents } from './sweep-repository.js';
import './sweep-notify.js';

/** Records the warnings of `ids` that are still due; runs inside the workspace's transaction. */
export async function recordWarnings(tx: Tx, batch: SweepBatch): Promise<BatchOutcome> {
  const { check, workspaceId, now } = batch;
  const claimed = await claimDueTickets(tx, check, workspaceId, batch.ids, now);
  if (claimed.length === 0) return { done: 0, escalated: 0 };
  const eventIds = await recordTicketEvents(
    tx,
    claimed.map((t) => ({
      workspaceId,
      type: 'sla.warning',
      ticketId: t.id,
      payload: {
        target: check.target,
        due_at: t.due_at.toISOString(),
        warning_at: t.at.toISOString(),
        sla_id: t.sla_id,
      },
    })),
  );
  await batch.jobs.enqueue(tx, 'sla.notify', { workspaceId, eventIds });
  return { done: claimed.length, escalated: 0 };
}
