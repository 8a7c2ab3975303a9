/** SQL for the outbound mail queue (outbound_emails); no decisions here, see send-email-job.ts. */
import { sql } from 'kysely';
import type { OutboundEmail } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { hasUnfinishedJob } from '../jobs/unfinished-job.js';

/** Takes a pending row for sending (status 'sending', one more attempt); null if someone else has it. */
export function claimOutboundEmail(tx: Tx, id: number): Promise<OutboundEmail | undefined> {
  return tx
    .updateTable('outbound_emails')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export async function markOutboundEmailSent(tx: Tx, id: number): Promise<void> {
  await tx
    .updateTable('outbound_emails')
    .set({ status: 'sent', sent_at: sql<Date>`now()`, last_error: '' })
    .where('id', '=', id)
    .execute();
}

/** Ends a claim that failed: 'failed' for good, or 'pending' to be claimed again by a retry. */
export async function releaseOutboundEmail(
  tx: Tx,
  id: number,
  status: 'pending' | 'failed',
  lastError: string,
): Promise<void> {
  await tx
    .updateTable('outbound_emails')
    .set({ status, last_error: lastError })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

export interface OutboundEmailRef {
  id: number;
  workspace_id: number;
}

/** Pending rows older than the given age that no mail.send job will pick up (all workspaces). */
export function findOrphanedPendingEmails(
  tx: Tx,
  olderThanMinutes: number,
  limit: number,
): Promise<OutboundEmailRef[]> {
  return tx
    .selectFrom('outbound_emails as e')
    .select(['e.id', 'e.workspace_id'])
    .where('e.status', '=', 'pending')
    .where('e.created_at', '<', sql<Date>`now() - make_interval(mins => ${olderThanMinutes})`)
    .where((eb) => eb.not(hasUnfinishedJob('mail.send', 'outboundEmailId', eb.ref('e.id'))))
    .orderBy('e.created_at')
    .limit(limit)
    .execute();
}

/**
 * Marks 'sending' rows older than the given age whose job is gone (the process died mid-send) as
 * failed with `reason`, across all workspaces; returns them.
 */
export function failInterruptedEmails(
  tx: Tx,
  olderThanMinutes: number,
  reason: string,
): Promise<OutboundEmailRef[]> {
  return tx
    .updateTable('outbound_emails as e')
    .set({ status: 'failed', last_error: reason })
    .where('e.status', '=', 'sending')
    .where('e.created_at', '<', sql<Date>`now() - make_interval(mins => ${olderThanMinutes})`)
    .where((eb) => eb.not(hasUnfinishedJob('mail.send', 'outboundEmailId', eb.ref('e.id'))))
    .returning(['e.id', 'e.workspace_id'])
    .execute();
}
