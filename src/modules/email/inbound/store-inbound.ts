/**
 * Durable first (issue 14, point 2): the raw mail is stored — one inbound_emails row per workspace it is
 * addressed to — and its processing job enqueued, in one committed transaction, before the listener
 * answers 250 or the IMAP poller marks it seen. A mail already stored in the workspace (the same
 * Message-ID: a redelivery, or one mail to two of its mailboxes) is not stored again.
 */
import type { Database } from '../../../db/client.js';
import { asSystem } from '../../../db/tenant.js';
import type { JobQueue } from '../../../platform/jobs/queue.js';
import './process-job-payload.js';
import { messageIdOf, rawHeaderFields } from './raw-headers.js';
import type { RecipientMailbox } from './recipients.js';

export interface StoreInput {
  raw: Buffer;
  /** The envelope recipients that are ours (resolved at RCPT, or the polled mailbox). */
  recipients: (RecipientMailbox & { recipient: string })[];
  source: 'smtp' | 'imap';
}

/** Stores the mail for each workspace; returns the ids of the rows it inserted. */
export async function storeInboundMail(
  deps: { db: Database; jobs: JobQueue },
  input: StoreInput,
): Promise<number[]> {
  const messageId = messageIdOf(input.raw, rawHeaderFields(input.raw));
  const byWorkspace = new Map<number, StoreInput['recipients']>();
  for (const r of input.recipients)
    byWorkspace.set(r.workspaceId, [...(byWorkspace.get(r.workspaceId) ?? []), r]);
  // One transaction for all workspaces (a mail to two of them is stored for both or for none), as the
  // schema owner because it writes across workspaces; every row names its workspace explicitly.
  const stored = await asSystem(deps.db, async (tx) => {
    const ids: number[] = [];
    for (const [workspaceId, recipients] of byWorkspace) {
      const first = recipients[0];
      if (!first) continue;
      const row = await tx
        .insertInto('inbound_emails')
        .values({
          workspace_id: workspaceId,
          mailbox: first.address,
          mailbox_id: first.mailboxId,
          message_id: messageId,
          raw: input.raw,
          source: input.source,
          envelope_to: [...new Set(recipients.map((r) => r.recipient.toLowerCase()))],
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'message_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) continue;
      ids.push(row.id);
      await deps.jobs.enqueue(tx, 'email.process', { workspaceId, inboundEmailId: row.id });
    }
    return ids;
  });
  // Committed: this process's workers take the mail now instead of at their next poll.
  if (stored.length > 0) deps.jobs.wake?.('email.process');
  return stored;
}
