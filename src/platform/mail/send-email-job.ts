/**
 * `mail.send`: delivers outbound_emails rows, at most once each, up to MAIL_SEND_BATCH jobs at a time:
 * their rows claimed together, sent side by side, and recorded together (a few statements per batch, not
 * per mail). A crash puts at most a batch's mails in doubt, as that many single jobs in flight would.
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
import { announceMailStatuses } from './announce-status.js';
import './queue-email.js';
import { claimOutboundEmails, markOutboundEmailsSent, releaseOutboundEmail } from './repository.js';
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
  /**
   * The transports of a workspace's mails, in order (e.g. each one's mailbox's own SMTP); default:
   * `transport` for all.
   */
  transportsFor?: (mails: readonly OutboundEmail[]) => Promise<MailTransport[]>;
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

/** Jobs fetched (and rows claimed, and mails in flight) at once. */
export const MAIL_SEND_BATCH = 20;

/** The `mail.send` job definition, sending through `transport`. */
export function sendEmailJob(deps: SendEmailJobDeps): JobDefinition<'mail.send'> {
  return {
    name: 'mail.send',
    retryLimit: MAIL_SEND_RETRY_LIMIT,
    retryBackoff: true,
    batchSize: MAIL_SEND_BATCH,
    handler: (payload) => sendEmails(deps, [payload]),
    handleBatch: (payloads) => sendEmails(deps, payloads),
  };
}

/**
 * Sends the rows of a batch of jobs: per workspace, claimed in one transaction, sent side by side, and
 * recorded in one transaction (sent, or released: failed for good, or pending again). Throws after
 * recording when any may succeed later, so that pg-boss retries the batch's jobs with backoff; a retried
 * job whose row is no longer pending does nothing.
 */
async function sendEmails(
  deps: SendEmailJobDeps,
  payloads: readonly { workspaceId: number; outboundEmailId: number }[],
): Promise<void> {
  const { db, log } = deps;
  const byWorkspace = new Map<number, number[]>();
  for (const p of payloads) {
    const ids = byWorkspace.get(p.workspaceId) ?? [];
    ids.push(p.outboundEmailId);
    byWorkspace.set(p.workspaceId, ids);
  }
  let retry: Error | null = null;
  for (const [workspaceId, ids] of byWorkspace) {
    const mails = await inWorkspace(db, workspaceId, (tx) => claimOutboundEmails(tx, ids));
    if (mails.length === 0) continue; // already sent, being sent, or failed: never twice

    let transports: (MailTransport | Error)[];
    try {
      transports = deps.transportsFor ? await deps.transportsFor(mails) : mails.map(() => deps.transport);
    } catch (err) {
      transports = mails.map(() => (err instanceof Error ? err : new Error(String(err))));
    }
    const outcomes = await Promise.all(
      mails.map(async (mail, i) => {
        try {
          const transport = transports[i] ?? deps.transport;
          if (transport instanceof Error) throw transport;
          await transport.send({ ...mail, files: await filesOf(mail, deps.storage) });
          return { mail, err: null };
        } catch (err) {
          return { mail, err: err ?? new Error('send failed') };
        }
      }),
    );
    const sent = outcomes.filter((o) => o.err === null).map((o) => o.mail.id);
    const failed = outcomes.flatMap(({ mail, err }) =>
      err === null
        ? []
        : [
            {
              mail,
              err,
              final: isPermanentMailError(err) || mail.attempts >= MAIL_SEND_MAX_ATTEMPTS,
              lastError: describe(err),
            },
          ],
    );
    try {
      await inWorkspace(db, workspaceId, async (tx) => {
        const rows = await markOutboundEmailsSent(tx, sent);
        for (const f of failed)
          await releaseOutboundEmail(tx, f.mail.id, f.final ? 'failed' : 'pending', f.lastError);
        await announceMailStatuses(tx, [
          ...rows.map((row) => ({ workspaceId, row })),
          ...failed
            .filter((f) => f.final)
            .map((f) => ({ workspaceId, row: { ...f.mail, status: 'failed' as const } })),
        ]);
      });
    } catch (err) {
      // The mails are out; a retry will find the rows 'sending' and leave them, so say so loudly.
      log.error({ err, workspaceId, outboundEmailIds: sent }, 'outbound email sent but not recorded as sent');
      throw err;
    }
    for (const f of failed) {
      const context = {
        workspaceId,
        outboundEmailId: f.mail.id,
        attempts: f.mail.attempts,
        error: f.lastError,
      };
      if (f.final) log.error(context, 'outbound email failed; not retried');
      else {
        log.warn(context, 'outbound email not sent; will retry');
        retry ??= f.err instanceof Error ? f.err : new Error(f.lastError);
      }
    }
  }
  if (retry !== null) throw retry;
}

function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 2000);
}
