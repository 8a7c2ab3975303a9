/** Outbox rows → the staff API's shape (never the bodies' internals beyond what staff wrote and sent). */
import type { OutboundEmail } from '../../../db/schema.js';

export function presentOutboundEmail(row: OutboundEmail) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    to: row.to_address,
    cc: row.cc_addresses,
    subject: row.subject,
    message_id: row.message_id,
    message: row.message_row_id,
    attempts: row.attempts,
    last_error: row.last_error,
    needs_review: row.needs_review,
    attachments: (Array.isArray(row.attachments) ? row.attachments : []).map((a) => ({
      filename: a.filename,
      content_type: a.content_type,
      size: a.size,
    })),
    created_at: row.created_at,
    sent_at: row.sent_at,
    bounced_at: row.bounced_at,
    bounce_reason: row.bounce_reason,
  };
}

export type OutboundEmailView = ReturnType<typeof presentOutboundEmail>;
