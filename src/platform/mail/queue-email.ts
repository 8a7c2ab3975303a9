/**
 * The only way the product sends mail: a row in outbound_emails plus a `mail.send` job, both written in
 * the caller's transaction. Nothing is sent if the transaction rolls back, and the job sends each row at
 * most once (platform/mail/send-email-job.ts).
 */
import { randomBytes } from 'node:crypto';
import type { OutboundAttachmentRef, OutboundEmailKind } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { JobQueue } from '../jobs/queue.js';
import { announceMailStatus } from './announce-status.js';

declare module '../jobs/queue.js' {
  interface JobPayloads {
    'mail.send': { workspaceId: number; outboundEmailId: number };
    'mail.sweep': Record<string, never>;
  }
}

export interface EmailToQueue {
  workspaceId: number;
  to: string;
  subject: string;
  text: string;
  html?: string;
  ticketId?: number;
  /** Extra headers (In-Reply-To, References, Auto-Submitted…). */
  headers?: Record<string, string>;
  /** A ticket's customer mail (acknowledgement, reply, resolved) or 'other' (the default). */
  kind?: OutboundEmailKind;
  /** What produced the mail, unique per workspace (see queueEmailOnce). */
  sourceKey?: string;
  /** The From (a mailbox's); default: the installation's MAIL_FROM. */
  from?: string;
  cc?: readonly string[];
  attachments?: readonly OutboundAttachmentRef[];
  /** A Message-ID made by the caller (newMessageId), when it records it elsewhere too. */
  messageId?: string;
  /** The ticket message the mail carries, and the mailbox it goes out from. */
  messageRowId?: number;
  mailboxId?: number;
}

/** A Message-ID in our own domain, so replies can be threaded back. */
export function newMessageId(domain: string): string {
  return `<${Date.now().toString(36)}.${randomBytes(8).toString('hex')}@${domain}>`;
}

/**
 * Records the mail in outbound_emails and enqueues its `mail.send` job, both through `tx`: the mail
 * exists, and is sent, only if the caller's transaction commits.
 */
export async function queueEmail(
  tx: Tx,
  jobs: JobQueue,
  email: EmailToQueue,
  messageDomain = 'bfg2-support.local',
): Promise<{ id: number; messageId: string }> {
  const queued = await insertEmail(tx, jobs, email, messageDomain, false);
  if (!queued) throw new Error('outbound mail was not recorded');
  return queued;
}

/**
 * queueEmail for work that may run twice (an event subscriber, a retried job): with `email.sourceKey`,
 * a second call with the same key queues nothing and returns null.
 */
export function queueEmailOnce(
  tx: Tx,
  jobs: JobQueue,
  email: EmailToQueue & { sourceKey: string },
  messageDomain = 'bfg2-support.local',
): Promise<{ id: number; messageId: string } | null> {
  return insertEmail(tx, jobs, email, messageDomain, true);
}

async function insertEmail(
  tx: Tx,
  jobs: JobQueue,
  email: EmailToQueue,
  messageDomain: string,
  once: boolean,
): Promise<{ id: number; messageId: string } | null> {
  const messageId = email.messageId ?? newMessageId(messageDomain);
  let insert = tx.insertInto('outbound_emails').values({
    workspace_id: email.workspaceId,
    to_address: email.to,
    subject: email.subject,
    text_body: email.text,
    html_body: email.html ?? null,
    headers: JSON.stringify(email.headers ?? {}),
    message_id: messageId,
    ticket_id: email.ticketId ?? null,
    kind: email.kind ?? 'other',
    source_key: email.sourceKey ?? null,
    from_address: email.from ?? null,
    cc_addresses: [...(email.cc ?? [])],
    attachments: JSON.stringify(email.attachments ?? []),
    message_row_id: email.messageRowId ?? null,
    mailbox_id: email.mailboxId ?? null,
  });
  if (once) {
    insert = insert.onConflict((oc) =>
      oc.columns(['workspace_id', 'source_key']).where('source_key', 'is not', null).doNothing(),
    );
  }
  const row = await insert.returning('id').executeTakeFirst();
  if (!row) return null;
  await jobs.enqueue(tx, 'mail.send', { workspaceId: email.workspaceId, outboundEmailId: row.id });
  if (email.ticketId) {
    await announceMailStatus(tx, email.workspaceId, row.id, {
      id: row.id,
      ticket_id: email.ticketId,
      message_row_id: email.messageRowId ?? null,
      status: 'pending',
    });
  }
  return { id: row.id, messageId };
}
