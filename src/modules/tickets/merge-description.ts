/**
 * Before a merge moves the duplicate's messages: its own opening text. A ticket opened through the API,
 * the web form or by staff keeps what the customer wrote in `description` (and its files with no
 * message), which stays behind with the closed duplicate — so the survivor would show only "merged
 * here" and not what the customer asked. The description becomes the duplicate's first customer message
 * (at the time it was written, with those files), which then moves like every other message.
 */
import type { SupportTicket } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';

/** Adds the description as the first customer message of `source` unless that message already exists. */
export async function keepDescriptionAsMessage(tx: Tx, source: SupportTicket): Promise<void> {
  const text = source.description;
  if (!text.trim()) return;
  const first = await tx
    .selectFrom('support_ticket_messages')
    .select(['message', 'message_type'])
    .where('workspace_id', '=', source.workspace_id)
    .where('ticket_id', '=', source.id)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (first?.message_type === 'customer' && first.message === text) return;

  const customer = await tx
    .selectFrom('customers')
    .select(['name', 'email'])
    .where('workspace_id', '=', source.workspace_id)
    .where('id', '=', source.customer_id)
    .executeTakeFirst();
  const files = await tx
    .selectFrom('ticket_attachments')
    .select(['id', 'filename', 'file_size', 'mime_type'])
    .where('workspace_id', '=', source.workspace_id)
    .where('ticket_id', '=', source.id)
    .where('message_id', 'is', null)
    .orderBy('id')
    .execute();
  const refs = files.map((f) => ({ ...f, file_size: Number(f.file_size) }));
  const message = await tx
    .insertInto('support_ticket_messages')
    .values({
      workspace_id: source.workspace_id,
      ticket_id: source.id,
      message: text,
      message_type: 'customer',
      sender_customer_id: source.customer_id,
      sender_name: customer?.name ?? '',
      sender_email: customer?.email ?? '',
      is_internal: false,
      attachments: JSON.stringify(refs),
      created_at: source.created_at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The mail that opened the duplicate now belongs to that message (its HTML part stays reachable).
  await tx
    .updateTable('inbound_emails')
    .set({ message_row_id: message.id })
    .where('workspace_id', '=', source.workspace_id)
    .where('ticket_id', '=', source.id)
    .where('message_row_id', 'is', null)
    .where('status', '=', 'processed')
    .execute();
  if (refs.length > 0) {
    await tx
      .updateTable('ticket_attachments')
      .set({ message_id: message.id })
      .where('workspace_id', '=', source.workspace_id)
      .where('ticket_id', '=', source.id)
      .where('message_id', 'is', null)
      .execute();
  }
}
