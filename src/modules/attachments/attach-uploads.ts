/**
 * Keeps received uploads: each file goes into the store under its content hash (a file sent twice is
 * stored once) and gets a ticket_attachments row; a message also lists them in its `attachments` column.
 * Runs in the transaction that created the ticket or message, so either all of it is recorded or none.
 */
import type { MessageAttachmentRef } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { Storage } from '../../platform/storage/storage.js';
import type { Upload } from './receive-uploads.js';

export interface AttachContext {
  tx: Tx;
  workspaceId: number;
  storage: Storage;
  now: Date;
}

export interface AttachTarget {
  ticketId: number;
  /** Null for the files sent with a new ticket. */
  messageId: number | null;
  uploader: { userId: number } | { customerId: number };
}

/** Stores the uploads and records them on the ticket (and message); returns the message's list. */
export async function attachUploads(
  ctx: AttachContext,
  target: AttachTarget,
  uploads: Upload[],
): Promise<MessageAttachmentRef[]> {
  const { tx, workspaceId, storage, now } = ctx;
  const refs: MessageAttachmentRef[] = [];
  for (const upload of uploads) {
    const key = await storage.put(upload.tempPath, upload.sha256);
    const row = await tx
      .insertInto('ticket_attachments')
      .values({
        workspace_id: workspaceId,
        ticket_id: target.ticketId,
        message_id: target.messageId,
        file: key,
        filename: upload.filename,
        file_size: upload.size,
        mime_type: upload.mimeType,
        uploaded_by_id: 'userId' in target.uploader ? target.uploader.userId : null,
        uploaded_by_customer_id: 'customerId' in target.uploader ? target.uploader.customerId : null,
        uploaded_at: now,
      })
      .returning(['id', 'filename', 'file_size', 'mime_type'])
      .executeTakeFirstOrThrow();
    refs.push({ ...row, file_size: Number(row.file_size) });
  }
  if (target.messageId !== null && refs.length > 0) {
    await tx
      .updateTable('support_ticket_messages')
      .set({ attachments: JSON.stringify(refs) })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', target.messageId)
      .execute();
  }
  return refs;
}

/** Who uploads: the staff member, else the ticket's customer (also for the anonymous web form). */
export function uploaderOf(
  actor: { kind: 'staff'; userId: number } | { kind: 'customer' | 'anonymous' },
  customerId: number,
): AttachTarget['uploader'] {
  return actor.kind === 'staff' ? { userId: actor.userId } : { customerId };
}
