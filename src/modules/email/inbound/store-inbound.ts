/**
 * Durable first (issue 14, point 2): the raw mail is stored — one inbound_emails row per workspace it is
 * addressed to — and its processing job enqueued (one per workspace for the mails stored together),
 * committed together (one statement), before the listener answers 250 or the IMAP poller marks it seen.
 * A mail already stored in the workspace (the same Message-ID: a redelivery, or one mail to two of its
 * mailboxes) is not stored again.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../../../db/client.js';
import type { DB, InboundEmailsTable } from '../../../db/schema.js';
import { asSystem, asSystemStatement } from '../../../db/tenant.js';
import { groupWhileBusy } from '../../../platform/batching/group-while-busy.js';
import { enqueueAll, type JobQueue } from '../../../platform/jobs/queue.js';
import { readAhead } from './mail-reader.js';
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
  return (await storeInboundMails(deps, [input]))[0] ?? [];
}

/**
 * Stores several mails in one statement — one commit, one flush of the write-ahead log, for all of
 * them; returns, for each mail, the ids of the rows inserted for it. A mail to two workspaces is stored
 * for both or for neither; a mail whose Message-ID the workspace already has (stored before, or earlier
 * in the same group) is not stored again.
 */
export async function storeInboundMails(
  deps: { db: Database; jobs: JobQueue },
  inputs: StoreInput[],
): Promise<number[][]> {
  const rows = inputs.flatMap((input, index) => {
    const messageId = messageIdOf(input.raw, rawHeaderFields(input.raw));
    const byWorkspace = new Map<number, StoreInput['recipients']>();
    for (const r of input.recipients)
      byWorkspace.set(r.workspaceId, [...(byWorkspace.get(r.workspaceId) ?? []), r]);
    return [...byWorkspace].flatMap(([workspaceId, recipients]) => {
      const first = recipients[0];
      if (!first) return [];
      return [
        {
          index,
          values: {
            workspace_id: workspaceId,
            mailbox: first.address,
            mailbox_id: first.mailboxId,
            message_id: messageId,
            raw: input.raw,
            source: input.source,
            envelope_to: [...new Set(recipients.map((r) => r.recipient.toLowerCase()))],
          },
        },
      ];
    });
  });
  const ids = inputs.map((): number[] => []);
  if (rows.length === 0) return ids;
  const inserted = await insertWithJobs(
    deps,
    rows.map((r) => r.values),
  );
  const idOf = new Map(inserted.map((r) => [`${r.workspace_id} ${r.message_id}`, r.id]));
  for (const { index, values } of rows) {
    const key = `${values.workspace_id} ${values.message_id}`;
    const id = idOf.get(key);
    // The first mail of the group with this key got the row; a later one is its duplicate.
    if (id === undefined) continue;
    idOf.delete(key);
    ids[index]?.push(id);
  }
  // Committed: this process's workers take the mail now instead of at their next poll, and find it read.
  if (ids.some((list) => list.length > 0)) {
    readAhead(
      deps.db,
      inputs.map((input, i) => ({ ids: ids[i] ?? [], raw: input.raw })),
    );
    deps.jobs.wake?.('email.process');
  }
  return ids;
}

type InboundEmailValues = Insertable<InboundEmailsTable>;

/**
 * Inserts the rows (a duplicate Message-ID of the workspace inserts nothing) and one `email.process` job
 * per workspace for the rows inserted in it, committed together before it returns. (A job per mail cost
 * three writes of a job row each — inserted, fetched, completed — where mails stored together are
 * processed together anyway.) Where the queue can write its jobs in the same statement that is one
 * statement outside any transaction — one round trip, atomic, committed when it answers; else a
 * transaction of two.
 */
async function insertWithJobs(
  deps: { db: Database; jobs: JobQueue },
  rows: InboundEmailValues[],
): Promise<{ id: number; workspace_id: number; message_id: string }[]> {
  // As the schema owner because it writes across workspaces; every row names its workspace explicitly.
  const insert = (db: Kysely<DB>) =>
    db
      .insertInto('inbound_emails')
      .values(rows)
      .onConflict((oc) => oc.columns(['workspace_id', 'message_id']).doNothing())
      .returning(['id', 'workspace_id', 'message_id']);
  const jobsFrom = deps.jobs.insertJobsFrom?.('email.process', 'stored_jobs');
  if (jobsFrom) {
    const result = await sql<{ id: number; workspace_id: number; message_id: string }>`
      WITH stored AS (${insert(asSystemStatement(deps.db))}),
      stored_jobs AS (
        SELECT jsonb_build_object('workspaceId', workspace_id, 'inboundEmailIds', jsonb_agg(id ORDER BY id))
          AS data
        FROM stored GROUP BY workspace_id),
      queued AS (${jobsFrom})
      SELECT id, workspace_id, message_id FROM stored`.execute(asSystemStatement(deps.db));
    return result.rows;
  }
  return asSystem(deps.db, async (tx) => {
    const inserted = await insert(tx).execute();
    const idsOf = new Map<number, number[]>();
    for (const r of inserted) idsOf.set(r.workspace_id, [...(idsOf.get(r.workspace_id) ?? []), r.id]);
    await enqueueAll(
      deps.jobs,
      tx,
      'email.process',
      [...idsOf].map(([workspaceId, ids]) => ({
        workspaceId,
        inboundEmailIds: ids.sort((a, b) => a - b),
      })),
    );
    return inserted;
  });
}

/** Mails stored in one transaction at most. */
const GROUP = 100;

/**
 * The listener's store: mails that arrive while a store transaction is committing wait for it and are
 * then stored together in the next one (group commit), so concurrent SMTP sessions share commits instead
 * of queueing one flush each. Each caller's promise settles when its own mail is committed (or failed):
 * 250 still follows the commit. When a group fails, its mails are stored one by one, so one bad mail
 * fails alone.
 */
export function groupedInboundStore(deps: {
  db: Database;
  jobs: JobQueue;
}): (input: StoreInput) => Promise<number[]> {
  return groupWhileBusy((inputs: StoreInput[]) => storeInboundMails(deps, inputs), { max: GROUP });
}
