/**
 * Processes up to a batch of one workspace's stored mails in one transaction (processInboundBatch): the
 * rows locked and parsed, and the references of all of them looked up at once; then the plain mails (plain-mail.ts) are taken set-based — their senders, new tickets and replies
 * each with a statement or two for all of them (receiveInboundBatch) — and the others one by one, in
 * order (handle); the outcomes and Message-IDs are written at the end (BatchWrites).
 *
 * No intake receipt is written for a mail: the stored row is its receipt. It is unique per workspace and
 * Message-ID (store-inbound.ts), and processed once, locked, from 'received' to its outcome — a job run
 * twice, or two processors, find it locked or no longer 'received'.
 */
import { inWorkspace } from '../../../db/tenant.js';
import { receiveInboundBatch } from '../../channels/index.js';
import { BatchWrites, WorkspaceFacts } from './batch-state.js';
import { lookedUpReferences, ticketsByMessageIds } from './find-thread.js';
import { afterIntake, errorText, handle, type ProcessDeps, type Work } from './handle-mail.js';
import * as repo from './inbound-repository.js';
import { prepareAttachments } from './mail-attachments.js';
import { plainMail, type PlainMail } from './plain-mail.js';
import { readStoredMails } from './mail-reader.js';

/** Returns the ids of the mails kept as failed (unparseable). */
export async function processTogether(
  deps: ProcessDeps,
  workspaceId: number,
  ids: number[],
): Promise<number[]> {
  return inWorkspace(deps.db, workspaceId, async (tx) => {
    const failed: number[] = [];
    const rows = await repo.lockReceivedEmails(tx, workspaceId, ids);
    // Parsed before anything is written: the workspace's ticket-number lock (taken by the first new
    // ticket) is then held for the writes only.
    const read = await readStoredMails(deps.db, rows, (missing) => repo.rawsOf(tx, workspaceId, missing));
    const parsed = rows.map((row, i) => {
      const result = read[i];
      if (result?.status === 'fulfilled') return { row, mail: result.value };
      return { row, err: result ? (result.reason as unknown) : new Error('not read') };
    });
    const known = new WorkspaceFacts(tx, workspaceId);
    // Threading by references, read once for the batch: the mails that reference another mail of this
    // batch look theirs up when they come (that mail's ticket exists only then).
    const inBatch = new Set(rows.map((r) => r.message_id));
    const referencedInBatch = new Set<string>();
    const sharedLookup = new Set<string>();
    for (const item of parsed) {
      if ('err' in item) continue;
      const ids = lookedUpReferences(item.mail);
      const local = ids.filter((id) => inBatch.has(id));
      for (const id of local) referencedInBatch.add(id);
      if (local.length === 0) for (const id of ids) sharedLookup.add(id);
    }
    const references = await ticketsByMessageIds(tx, workspaceId, [...sharedLookup]);
    const batch = new BatchWrites(workspaceId, referencedInBatch);
    const works: { work: Work; plain: PlainMail | null; cleanup: () => Promise<void> }[] = [];
    try {
      for (const item of parsed) {
        const now = deps.now();
        if ('err' in item) {
          await repo.recordOutcome(tx, item.row, { status: 'failed', error: errorText(item.err) }, now);
          failed.push(item.row.id);
          continue;
        }
        const prepared = await prepareAttachments(item.mail.attachments, deps.limits);
        const work: Work = {
          tx,
          row: item.row,
          mail: item.mail,
          uploads: prepared.uploads,
          skipped: prepared.skipped,
          now,
          known,
          batch,
          ...(lookedUpReferences(item.mail).some((id) => inBatch.has(id)) ? {} : { references }),
        };
        works.push({ work, plain: null, cleanup: () => prepared.cleanup() });
      }
      // Planned before anything is written, so that every plain mail sees the tickets as they were.
      for (const w of works) w.plain = await plainMail(w.work);
      const plain = works.filter((w) => w.plain !== null);
      if (plain.length > 0) {
        const now = deps.now();
        const results = await receiveInboundBatch(
          { tx, workspace: await known.workspaceRow(), now, hooks: deps.hooks },
          'email',
          plain.map((w) => (w.plain as PlainMail).delivery),
        );
        for (const [k, w] of plain.entries()) {
          const result = results[k];
          if (!result) throw new Error('the intake returned fewer results than deliveries');
          await afterIntake(deps, { ...w.work, now }, result, (w.plain as PlainMail).folded);
        }
      }
      for (const w of works) if (w.plain === null) await handle(deps, w.work);
    } finally {
      for (const w of works) await w.cleanup();
    }
    await batch.flush(tx);
    return failed;
  });
}
