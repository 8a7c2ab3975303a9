/**
 * Tells the ticket's staff that one of its customer mails changed state (queued, sent, failed, bounced),
 * as an `email.status_changed` event in the caller's transaction: the desk shows the delivery state of
 * each reply live. Mails of no ticket (notices to staff) are not announced. Customers never get the event
 * (their stream carries only the events live/event-views.ts lists).
 */
import type { OutboundEmail } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { recordEvents } from '../events.js';

type Row = Pick<OutboundEmail, 'id' | 'ticket_id' | 'message_row_id' | 'status'>;

/** Records the event for the outbox row `outboundEmailId` as it is now (`known`: the row, if at hand). */
export async function announceMailStatus(
  tx: Tx,
  workspaceId: number,
  outboundEmailId: number,
  known?: Row,
): Promise<void> {
  const row =
    known ??
    (await tx
      .selectFrom('outbound_emails')
      .select(['id', 'ticket_id', 'message_row_id', 'status'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', outboundEmailId)
      .executeTakeFirst());
  if (row) await announceMailStatuses(tx, [{ workspaceId, row }]);
}

/** The events of several outbox rows whose state is at hand, with one statement. */
export async function announceMailStatuses(
  tx: Tx,
  rows: readonly { workspaceId: number; row: Row }[],
): Promise<void> {
  await recordEvents(
    tx,
    rows.flatMap(({ workspaceId, row }) =>
      row.ticket_id === null
        ? []
        : [
            {
              workspaceId,
              type: 'email.status_changed' as const,
              subjectId: row.ticket_id,
              payload: {
                ticket_id: row.ticket_id,
                outbound_email_id: row.id,
                message_id: row.message_row_id,
                status: row.status,
              },
            },
          ],
    ),
  );
}
