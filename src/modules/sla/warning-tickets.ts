/**
 * One workspace's share of a warning check: flags the tickets as warned (exactly once, see
 * claimDueTickets), records `sla.warning` and mails the people who can still save the SLA — the assignee,
 * else the ticket's team, else the workspace's admins (see warningRecipients).
 */
import type { Tx } from '../../db/tenant.js';
import { recordEvent } from '../../platform/events.js';
import { queueEmail } from '../../platform/mail/queue-email.js';
import type { BatchOutcome, SweepBatch } from './breach-tickets.js';
import { warningMail } from './sweep-mail.js';
import { warningRecipients } from './sweep-recipients.js';
import { claimDueTickets, findSlas, findWorkspaceLabel } from './sweep-repository.js';

/** Sends the warnings of `ids` that are still due; runs inside the workspace's transaction. */
export async function sendWarnings(tx: Tx, batch: SweepBatch): Promise<BatchOutcome> {
  const { check, workspaceId, now } = batch;
  const claimed = await claimDueTickets(tx, check, workspaceId, batch.ids, now);
  if (claimed.length === 0) return { done: 0, escalated: 0 };
  const workspace = await findWorkspaceLabel(tx, workspaceId);
  const slaIds = [...new Set(claimed.flatMap((t) => (t.sla_id === null ? [] : [t.sla_id])))];
  const slaNames = new Map((await findSlas(tx, workspaceId, slaIds)).map((s) => [s.id, s.name]));
  // Many tickets of a batch share an assignee or a team: look each one up once.
  const recipientsOf = new Map<string, Promise<string[]>>();

  for (const ticket of claimed) {
    const key = `${ticket.assigned_to_id}/${ticket.team_id}`;
    let recipients = recipientsOf.get(key);
    if (!recipients) {
      recipients = warningRecipients(tx, ticket);
      recipientsOf.set(key, recipients);
    }
    const notified = await recipients;
    const slaName = ticket.sla_id === null ? null : (slaNames.get(ticket.sla_id) ?? null);
    for (const to of notified) {
      await queueEmail(
        tx,
        batch.jobs,
        warningMail(ticket, check.target, ticket.due_at, to, {
          workspaceName: workspace.name,
          timezone: workspace.timezone,
          publicUrl: batch.publicUrl,
          slaName,
        }),
      );
    }
    await recordEvent(tx, {
      workspaceId,
      type: 'sla.warning',
      subjectType: 'ticket',
      subjectId: ticket.id,
      payload: {
        target: check.target,
        due_at: ticket.due_at.toISOString(),
        warning_at: ticket.at.toISOString(),
        sla_id: ticket.sla_id,
        notified,
      },
    });
  }
  return { done: claimed.length, escalated: 0 };
}
