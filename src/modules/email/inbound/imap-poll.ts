/**
 * Polls one mailbox's IMAP folder (the `email.imap-poll` job): holds the mailbox's lease so one poller
 * runs at a time, fetches by UID after the last one stored (from the start again when UIDVALIDITY
 * changed — the Message-ID de-duplication keeps that from storing anything twice), stores the raw mails
 * durably (up to 50 in one commit) and only then marks them \Seen and advances the last UID. Failures are recorded on the mailbox
 * (state, last error) and back off exponentially (1, 2, 4 … 60 minutes).
 */
import type { ImapFlow } from 'imapflow';
import type { Database } from '../../../db/client.js';
import type { Mailbox } from '../../../db/schema.js';
import { inWorkspace } from '../../../db/tenant.js';
import type { JobQueue } from '../../../platform/jobs/queue.js';
import type { Logger } from '../../../platform/logger.js';
import type { SecretBox } from '../mailboxes/secret-box.js';
import { describeImapError, imapClientFor } from './imap-client.js';
import { storeInboundMails } from './store-inbound.js';

const LEASE_SECONDS = 300;
const MAX_BACKOFF_MINUTES = 60;
/** Mails fetched per poll; the rest waits for the next one. */
const BATCH = 500;
/** Mails stored in one commit at most, and their bytes (as the server reports their sizes). */
const CHUNK = 50;
const CHUNK_BYTES = 32 * 1024 * 1024;

/**
 * The UIDs in chunks of CHUNK mails and at most CHUNK_BYTES (a bigger mail goes alone), in UID order:
 * each chunk is fetched, stored in one commit and marked seen together.
 */
async function chunksOf(client: ImapFlow, uids: number[]): Promise<number[][]> {
  if (uids.length === 0) return [];
  const size = new Map<number, number>();
  for await (const m of client.fetch(uids.join(','), { size: true }, { uid: true }))
    size.set(m.uid, m.size ?? 0);
  const chunks: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const uid of uids) {
    const n = size.get(uid) ?? 0;
    if (current.length > 0 && (current.length >= CHUNK || bytes + n > CHUNK_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(uid);
    bytes += n;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export interface PollDeps {
  db: Database;
  jobs: JobQueue;
  secrets: SecretBox;
  now: () => Date;
  log: Logger;
}

export interface PollResult {
  stored: number;
  fetched: number;
  error: string | null;
}

async function takeLease(
  deps: PollDeps,
  workspaceId: number,
  mailboxId: number,
): Promise<Mailbox | undefined> {
  const now = deps.now();
  return inWorkspace(deps.db, workspaceId, (tx) =>
    tx
      .updateTable('mailboxes')
      .set({ imap_lease_until: new Date(now.getTime() + LEASE_SECONDS * 1000) })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', mailboxId)
      .where('is_active', '=', true)
      .where('imap_host', 'is not', null)
      .where((eb) => eb.or([eb('imap_lease_until', 'is', null), eb('imap_lease_until', '<', now)]))
      .returningAll()
      .executeTakeFirst(),
  );
}

async function release(deps: PollDeps, mailbox: Mailbox, error: string | null): Promise<void> {
  const now = deps.now();
  const failures = error ? mailbox.imap_failures + 1 : 0;
  const backoff = error ? Math.min(2 ** (failures - 1), MAX_BACKOFF_MINUTES) : 0;
  await inWorkspace(deps.db, mailbox.workspace_id, (tx) =>
    tx
      .updateTable('mailboxes')
      .set({
        imap_lease_until: null,
        imap_failures: failures,
        imap_next_poll_at: error ? new Date(now.getTime() + backoff * 60_000) : null,
        state: error ? 'error' : 'ok',
        last_error: (error ?? '').slice(0, 2000),
        last_checked_at: now,
      })
      .where('workspace_id', '=', mailbox.workspace_id)
      .where('id', '=', mailbox.id)
      .execute(),
  );
}

async function saveCursor(
  deps: PollDeps,
  mailbox: Mailbox,
  uidValidity: number,
  lastUid: number,
): Promise<void> {
  await inWorkspace(deps.db, mailbox.workspace_id, (tx) =>
    tx
      .updateTable('mailboxes')
      .set({ imap_uidvalidity: uidValidity, imap_last_uid: lastUid })
      .where('workspace_id', '=', mailbox.workspace_id)
      .where('id', '=', mailbox.id)
      .execute(),
  );
}

/** Polls the mailbox once; returns what it did (nothing when another poller holds the lease). */
export async function pollMailbox(
  deps: PollDeps,
  workspaceId: number,
  mailboxId: number,
): Promise<PollResult> {
  const mailbox = await takeLease(deps, workspaceId, mailboxId);
  if (!mailbox) return { stored: 0, fetched: 0, error: null };
  const result: PollResult = { stored: 0, fetched: 0, error: null };
  let client;
  try {
    client = imapClientFor(mailbox, deps.secrets);
    await client.connect();
    const lock = await client.getMailboxLock(mailbox.imap_folder);
    try {
      const opened = client.mailbox;
      if (!opened) throw new Error(`folder ${mailbox.imap_folder} did not open`);
      const uidValidity = Number(opened.uidValidity);
      let lastUid = mailbox.imap_uidvalidity === uidValidity ? mailbox.imap_last_uid : 0;
      if (lastUid !== mailbox.imap_last_uid || mailbox.imap_uidvalidity !== uidValidity) {
        await saveCursor(deps, mailbox, uidValidity, lastUid);
      }
      const uids = ((await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [])
        .filter((u) => u > lastUid)
        .sort((a, b) => a - b)
        .slice(0, BATCH);
      const recipient = { mailboxId: mailbox.id, workspaceId, address: mailbox.address, token: null };
      for (const chunk of await chunksOf(client, uids)) {
        // Fetched first (no other command may run while a FETCH streams), then stored in one commit,
        // only then marked \Seen and the cursor moved past them — a crash in between fetches them again
        // at the next poll, and the Message-ID de-duplication stores none of them twice.
        const fetched: { uid: number; raw: Buffer }[] = [];
        for await (const message of client.fetch(chunk.join(','), { source: true }, { uid: true }))
          if (message.source) fetched.push({ uid: message.uid, raw: message.source });
        result.fetched += fetched.length;
        const stored = await storeInboundMails(
          deps,
          fetched.map((m) => ({
            raw: m.raw,
            recipients: [{ ...recipient, recipient: mailbox.address }],
            source: 'imap' as const,
          })),
        );
        result.stored += stored.reduce((n, ids) => n + ids.length, 0);
        if (fetched.length > 0)
          await client.messageFlagsAdd(fetched.map((m) => m.uid).join(','), ['\\Seen'], { uid: true });
        lastUid = chunk[chunk.length - 1] ?? lastUid;
        await saveCursor(deps, mailbox, uidValidity, lastUid);
      }
    } finally {
      lock.release();
    }
    await client.logout();
  } catch (err) {
    result.error = describeImapError(err);
    deps.log.warn({ workspaceId, mailboxId, error: result.error }, 'IMAP poll failed');
    client?.close();
  }
  await release(deps, mailbox, result.error);
  return result;
}
