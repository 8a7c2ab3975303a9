/** SQL for the outbound mail queue (outbound_emails); no decisions here, see send-email-job.ts. */
import { sql } from 'kysely';
import type { OutboundEmail } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { hasUnfinishedJob } from '../jobs/unfinished-job.js';

/** How long a worker owns a row it set 'sending' (far beyond nodemailer's SMTP timeouts). */
export const SEND_LEASE_MINUTES = 10;

/**
 * Takes pending rows for sending (status 'sending' under a lease, one more attempt), in one statement;
 * rows someone else has are left out. Committed before the transport is called: a crash after it leaves
 * 'sending' rows.
 */
export function claimOutboundEmails(tx: Tx, ids: readonly number[]): Promise<OutboundEmail[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .updateTable('outbound_emails')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      lease_until: sql<Date>`now() + make_interval(mins => ${SEND_LEASE_MINUTES})`,
    }))
    .where('id', 'in', [...new Set(ids)])
    .where('status', '=', 'pending')
    .returningAll()
    .execute();
}

/** Records rows as sent, in one statement; returns them as they are now. */
export function markOutboundEmailsSent(tx: Tx, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .updateTable('outbound_emails')
    .set({
      status: 'sent',
      sent_at: sql<Date>`now()`,
      last_error: '',
      lease_until: null,
      needs_review: false,
    })
    .where('id', 'in', [...ids])
    .returning(['id', 'ticket_id', 'message_row_id', 'status'])
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
    .set({ status, last_error: lastError, lease_until: null })
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
 * 'sending' rows whose worker is gone (the process died between the claim and recording the outcome),
 * across all workspaces: the lease ran out (rows claimed before leases existed: older than the given
 * age) and no mail.send job is running for them.
 */
export function findInterruptedEmails(
  tx: Tx,
  olderThanMinutes: number,
  limit: number,
): Promise<OutboundEmail[]> {
  return tx
    .selectFrom('outbound_emails as e')
    .selectAll('e')
    .where('e.status', '=', 'sending')
    .where((eb) =>
      eb.or([
        eb('e.lease_until', '<', sql<Date>`now()`),
        eb.and([
          eb('e.lease_until', 'is', null),
          eb('e.created_at', '<', sql<Date>`now() - make_interval(mins => ${olderThanMinutes})`),
        ]),
      ]),
    )
    .where((eb) => eb.not(hasUnfinishedJob('mail.send', 'outboundEmailId', eb.ref('e.id'))))
    .orderBy('e.id')
    .limit(limit)
    .execute();
}

/**
 * Settles an interrupted row: 'sent' when the transport knows it was delivered, else 'failed' and
 * marked for review with `reason` — never back to 'pending', since it may have left.
 */
export async function settleInterruptedEmail(
  tx: Tx,
  id: number,
  outcome: { delivered: true } | { delivered: false; reason: string },
): Promise<boolean> {
  const row = await tx
    .updateTable('outbound_emails')
    .set(
      outcome.delivered
        ? { status: 'sent', sent_at: sql<Date>`now()`, lease_until: null }
        : { status: 'failed', last_error: outcome.reason, needs_review: true, lease_until: null },
    )
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
