/**
 * The only way the product sends mail: a row in outbound_emails plus a `mail.send` job, both written in
 * the caller's transaction. Nothing is sent if the transaction rolls back, and the job sends each row at
 * most once (platform/mail/send-email-job.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Tx } from '../../db/tenant.js';
import type { JobQueue } from '../jobs/queue.js';

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
  const messageId = newMessageId(messageDomain);
  const row = await tx
    .insertInto('outbound_emails')
    .values({
      workspace_id: email.workspaceId,
      to_address: email.to,
      subject: email.subject,
      text_body: email.text,
      html_body: email.html ?? null,
      headers: JSON.stringify(email.headers ?? {}),
      message_id: messageId,
      ticket_id: email.ticketId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await jobs.enqueue(tx, 'mail.send', { workspaceId: email.workspaceId, outboundEmailId: row.id });
  return { id: row.id, messageId };
}
