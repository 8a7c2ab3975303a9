/**
 * `mail.send`: delivers one outbound_emails row, at most once.
 *
 * Why at most once: the row is claimed (pending → sending) in a committed transaction *before* the
 * transport is called, and only a 'pending' row can be claimed. A second job for the same row (a retry,
 * a sweep re-enqueue, a duplicate) finds it not pending and does nothing. If the process dies between the
 * claim and the end of the send, the row stays 'sending' and is never sent again, because we cannot know
 * whether the SMTP server accepted it; the sweep (sweep-job.ts) reports such rows as failed after an hour
 * ('interrupted; not resent to avoid duplicates'). A lost mail is visible there; a duplicate would not be.
 * The claim carries a lease (repository.ts): past it, the sweep settles the row — sent when the transport
 * finds the Message-ID delivered, else failed and marked for review; never resent by itself.
 *
 * A failed send that may succeed later (network, 4xx) puts the row back to 'pending' and rethrows, so
 * pg-boss retries with backoff; a 5xx answer, or running out of attempts, marks it 'failed' for good.
 */
import type { Database } from '../../db/client.js';
import type { OutboundEmail } from '../../db/schema.js';
import { inWorkspace } from '../../db/tenant.js';
import type { JobDefinition } from '../jobs/queue.js';
import type { Logger } from '../logger.js';
import { announceMailStatus } from './announce-status.js';
import './queue-email.js';
import { claimOutboundEmail, markOutboundEmailSent, releaseOutboundEmail } from './repository.js';
import type { Storage } from '../storage/storage.js';
import { isPermanentMailError, type MailFile, type MailTransport } from './transport.js';

export const MAIL_SEND_RETRY_LIMIT = 5;
/** Claims of one row (first try plus retries) after which a transient failure is final too. */
export const MAIL_SEND_MAX_ATTEMPTS = MAIL_SEND_RETRY_LIMIT + 1;

export interface SendEmailJobDeps {
  db: Database;
  transport: MailTransport;
  log: Logger;
  /** Where the files of mails with attachments are read from. */
  storage?: Pick<Storage, 'openRead'>;
  /** The transport of one mail (e.g. its mailbox's own SMTP); default: `transport`. */
  transportFor?: (mail: OutboundEmail) => Promise<MailTransport>;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function filesOf(mail: OutboundEmail, storage: SendEmailJobDeps['storage']): Promise<MailFile[]> {
  const refs = Array.isArray(mail.attachments) ? mail.attachments : [];
  if (refs.length === 0) return [];
  if (!storage) throw new Error('outbound mail has attachments but no attachment store is configured');
  const files: MailFile[] = [];
  for (const ref of refs) {
    files.push({
      filename: ref.filename,
      contentType: ref.content_type,
      content: await readAll(storage.openRead(ref.storage_key)),
    });
  }
  return files;
}

/** The `mail.send` job definition, sending through `transport`. */
export function sendEmailJob(deps: SendEmailJobDeps): JobDefinition<'mail.send'> {
  const { db, log } = deps;
  return {
    name: 'mail.send',
    retryLimit: MAIL_SEND_RETRY_LIMIT,
    retryBackoff: true,
    async handler({ workspaceId, outboundEmailId }) {
      const mail = await inWorkspace(db, workspaceId, (tx) => claimOutboundEmail(tx, outboundEmailId));
      if (!mail) return; // already sent, being sent, or failed: never twice

      try {
        const transport = deps.transportFor ? await deps.transportFor(mail) : deps.transport;
        await transport.send({ ...mail, files: await filesOf(mail, deps.storage) });
      } catch (err) {
        const final = isPermanentMailError(err) || mail.attempts >= MAIL_SEND_MAX_ATTEMPTS;
        const lastError = describe(err);
        await inWorkspace(db, workspaceId, async (tx) => {
          await releaseOutboundEmail(tx, mail.id, final ? 'failed' : 'pending', lastError);
          if (final) await announceMailStatus(tx, workspaceId, mail.id);
        });
        const context = { workspaceId, outboundEmailId, attempts: mail.attempts, error: lastError };
        if (final) {
          log.error(context, 'outbound email failed; not retried');
          return;
        }
        log.warn(context, 'outbound email not sent; will retry');
        throw err;
      }

      try {
        await inWorkspace(db, workspaceId, async (tx) => {
          await markOutboundEmailSent(tx, mail.id);
          await announceMailStatus(tx, workspaceId, mail.id);
        });
      } catch (err) {
        // The mail is out; a retry will find the row 'sending' and leave it, so say so loudly.
        log.error({ err, workspaceId, outboundEmailId }, 'outbound email sent but not recorded as sent');
        throw err;
      }
    },
  };
}

function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 2000);
}
