/**
 * One attachment the actor may download: they must be allowed to see the ticket (a customer only their
 * own) and the message it came with (never an internal note for a customer). Anything else, including
 * another workspace's ids, is a 404.
 */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { loadVisibleTicket, type TicketActor } from '../tickets/index.js';

/** The attachment's row, or 404. */
export async function findVisibleAttachment(
  tx: Tx,
  workspaceId: number,
  ticketRef: string,
  attachmentId: number,
  actor: TicketActor,
) {
  const ticket = await loadVisibleTicket(tx, workspaceId, ticketRef, actor);
  const row = await tx
    .selectFrom('ticket_attachments as f')
    .leftJoin('support_ticket_messages as m', 'm.id', 'f.message_id')
    .select(['f.id', 'f.file', 'f.filename', 'f.file_size', 'f.mime_type', 'm.is_internal'])
    .where('f.workspace_id', '=', workspaceId)
    .where('f.ticket_id', '=', ticket.id)
    .where('f.id', '=', attachmentId)
    .executeTakeFirst();
  if (!row || (actor.kind !== 'staff' && row.is_internal === true)) throw notFound('attachment');
  return row;
}
