/**
 * The only way the product sends mail: a row in outbound_emails plus a `mail.send` job, both written in
 * the caller's transaction. Nothing is sent if the transaction rolls back, and the job sends each row at
 * most once (platform/mail/send-email-job.ts).
 */
import { randomBytes } from 'node:crypto';
import type { OutboundAttachmentRef, OutboundEmailKind } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { enqueueAll, type JobQueue } from '../jobs/queue.js';
import { announceMailStatuses } from './announce-status.js';

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

/**
 * queueEmailOnce for several mails with one statement per step (the rows, their jobs, their status
 * events); one entry per mail, in order: null when its source key was queued before (or earlier in the
 * list).
 */
export function queueEmailsOnce(
  tx: Tx,
  jobs: JobQueue,
  emails: readonly (EmailToQueue & { sourceKey: string })[],
  messageDomain = 'bfg2-support.local',
): Promise<({ id: number; messageId: string } | null)[]> {
  return insertEmails(tx, jobs, emails, messageDomain, true);
}

async function insertEmail(
  tx: Tx,
  jobs: JobQueue,
  email: EmailToQueue,
  messageDomain: string,
  once: boolean,
): Promise<{ id: number; messageId: string } | null> {
  const [queued] = await insertEmails(tx, jobs, [email], messageDomain, once);
  return queued ?? null;
}

async function insertEmails(
  tx: Tx,
  jobs: JobQueue,
  emails: readonly EmailToQueue[],
  messageDomain: string,
  once: boolean,
): Promise<({ id: number; messageId: string } | null)[]> {
  // A source key given twice in one call is one mail: the first.
  const keys = new Set<string>();
  const kept = emails.map((email) => {
    if (!once || email.sourceKey === undefined) return true;
    if (keys.has(email.sourceKey)) return false;
    keys.add(email.sourceKey);
    return true;
  });
  const values = emails.flatMap((email, i) =>
    kept[i]
      ? [
          {
            workspace_id: email.workspaceId,
            to_address: email.to,
            subject: email.subject,
            text_body: email.text,
            html_body: email.html ?? null,
            headers: JSON.stringify(email.headers ?? {}),
            message_id: email.messageId ?? newMessageId(messageDomain),
            ticket_id: email.ticketId ?? null,
            kind: email.kind ?? 'other',
            source_key: email.sourceKey ?? null,
            from_address: email.from ?? null,
            cc_addresses: [...(email.cc ?? [])],
            attachments: JSON.stringify(email.attachments ?? []),
            message_row_id: email.messageRowId ?? null,
            mailbox_id: email.mailboxId ?? null,
          },
        ]
      : [],
  );
  if (values.length === 0) return emails.map(() => null);
  let insert = tx.insertInto('outbound_emails').values(values);
  if (once) {
    insert = insert.onConflict((oc) =>
      oc.columns(['workspace_id', 'source_key']).where('source_key', 'is not', null).doNothing(),
    );
  }
  const rows = await insert.returning(['id', 'message_id']).execute();
  // The rows come back in the order of the VALUES; those skipped by ON CONFLICT are missing, so they are
  // matched by their Message-ID (made unique per mail above).
  const byMessageId = new Map(rows.map((r) => [r.message_id, r.id]));
  const out: ({ id: number; messageId: string } | null)[] = [];
  let v = 0;
  for (const isKept of kept) {
    if (!isKept) {
      out.push(null);
      continue;
    }
    const messageId = (values[v++] as { message_id: string }).message_id;
    const id = byMessageId.get(messageId);
    out.push(id === undefined ? null : { id, messageId });
  }
  const queued = emails.flatMap((email, i) => {
    const q = out[i];
    return q ? [{ email, id: q.id }] : [];
  });
  await enqueueAll(
    jobs,
    tx,
    'mail.send',
    queued.map((q) => ({ workspaceId: q.email.workspaceId, outboundEmailId: q.id })),
  );
  await announceMailStatuses(
    tx,
    queued.flatMap((q) =>
      q.email.ticketId
        ? [
            {
              workspaceId: q.email.workspaceId,
              row: {
                id: q.id,
                ticket_id: q.email.ticketId,
                message_row_id: q.email.messageRowId ?? null,
                status: 'pending' as const,
              },
            },
          ]
        : [],
    ),
  );
  return out;
}
