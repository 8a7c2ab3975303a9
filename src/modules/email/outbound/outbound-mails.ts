/**
 * The staff's view of a ticket's outgoing mail: the list, and a retry of a failed one. A failed mail
 * marked for review (its send was interrupted, it may have been delivered) is retried only when the
 * caller confirms the risk of a duplicate.
 */
import type { Tx } from '../../../db/tenant.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { JobQueue } from '../../../platform/jobs/queue.js';
import { decodeCursor, pageOf, type Page } from '../../../platform/pagination.js';
import { announceMailStatus } from '../../../platform/mail/announce-status.js';
import '../../../platform/mail/queue-email.js';
import { presentOutboundEmail, type OutboundEmailView } from './presenter.js';

export interface OutboundMailContext {
  tx: Tx;
  workspaceId: number;
  jobs: JobQueue;
}

/** The mails of a ticket (by id), oldest first. */
export async function listTicketEmails(
  ctx: OutboundMailContext,
  ticketId: number,
  page: { limit: number; cursor?: string },
): Promise<Page<OutboundEmailView>> {
  const after = decodeCursor(page.cursor);
  let q = ctx.tx
    .selectFrom('outbound_emails')
    .selectAll()
    .where('workspace_id', '=', ctx.workspaceId)
    .where('ticket_id', '=', ticketId);
  if (after) q = q.where('id', '>', after.id);
  const rows = await q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  return pageOf(rows, page.limit, (r) => r.id, presentOutboundEmail);
}

/** Puts a failed mail of the ticket back in the queue (a new mail.send job; the claim keeps it once). */
export async function retryTicketEmail(
  ctx: OutboundMailContext,
  ticketId: number,
  emailId: number,
  confirmPossibleDuplicate: boolean,
): Promise<OutboundEmailView> {
  const row = await ctx.tx
    .selectFrom('outbound_emails')
    .selectAll()
    .where('workspace_id', '=', ctx.workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('id', '=', emailId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('email');
  if (row.status !== 'failed') {
    throw new AppError('CONFLICT', `this mail is ${row.status}; only a failed mail can be retried`);
  }
  if (row.needs_review && !confirmPossibleDuplicate) {
    throw new AppError(
      'CONFLICT',
      `sending this mail was interrupted and it may have been delivered (Message-ID ${row.message_id}); ` +
        'check the mail server, then retry with confirm_possible_duplicate: true',
    );
  }
  const updated = await ctx.tx
    .updateTable('outbound_emails')
    // A fresh budget of retries with backoff for the new try.
    .set({ status: 'pending', needs_review: false, last_error: '', lease_until: null, attempts: 0 })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.jobs.enqueue(ctx.tx, 'mail.send', { workspaceId: ctx.workspaceId, outboundEmailId: row.id });
  await announceMailStatus(ctx.tx, ctx.workspaceId, row.id, updated);
  return presentOutboundEmail(updated);
}
