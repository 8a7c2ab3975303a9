/**
 * Processes one stored inbound mail (the `email.process` job; an admin's retry): parse, classify, thread
 * and hand it to the intake — a new ticket, or a message on the ticket it continues — then record what it
 * became on the stored row. All of it in one transaction with the row locked, so a mail is processed once
 * even when its job runs twice. The row is the mail's intake receipt: stored once per workspace and
 * Message-ID (store-inbound.ts), so no other is written.
 *
 * Loop protection: an automatic mail threads without reopening or notifying (no event), and opens
 * nothing; a delivery-status report marks the outbound mail it bounces instead of making a ticket.
 */
import { inWorkspace } from '../../../db/tenant.js';
import { errorText, handle, type ProcessDeps, type ProcessResult } from './handle-mail.js';
import { WorkspaceFacts } from './batch-state.js';
import * as repo from './inbound-repository.js';
import { prepareAttachments } from './mail-attachments.js';
import { processTogether } from './process-together.js';
import { readStoredMail } from './mail-reader.js';
import type { ReadMail } from './read-mail.js';

export type { ProcessDeps, ProcessResult } from './handle-mail.js';

/** Mails processed in one transaction at most (one commit for all of them). */
const BATCH = 100;

/**
 * Processes stored mails — the `email.process` jobs fetched together — in one transaction per workspace
 * and up to BATCH mails, oldest first: one commit for all of them, and the workspace's facts read once.
 * Rows another processor holds are skipped (it processes them). When anything in the shared transaction
 * fails, it rolls back whole and each of its mails is processed alone (processInboundEmail), so one bad
 * mail is recorded as failed without holding back the others.
 */
export async function processInboundBatch(
  deps: ProcessDeps,
  items: { workspaceId: number; inboundEmailId: number }[],
): Promise<{ workspaceId: number; inboundEmailId: number }[]> {
  const failed: { workspaceId: number; inboundEmailId: number }[] = [];
  const byWorkspace = new Map<number, Set<number>>();
  for (const { workspaceId, inboundEmailId } of items) {
    const ids = byWorkspace.get(workspaceId) ?? new Set<number>();
    ids.add(inboundEmailId);
    byWorkspace.set(workspaceId, ids);
  }
  for (const [workspaceId, set] of byWorkspace) {
    const ids = [...set].sort((a, b) => a - b);
    for (let i = 0; i < ids.length; i += BATCH) {
      const chunk = ids.slice(i, i + BATCH);
      try {
        const bad = await processTogether(deps, workspaceId, chunk);
        failed.push(...bad.map((inboundEmailId) => ({ workspaceId, inboundEmailId })));
      } catch {
        for (const id of chunk) {
          if ((await processInboundEmail(deps, workspaceId, id)) === 'failed')
            failed.push({ workspaceId, inboundEmailId: id });
        }
      }
    }
  }
  return failed;
}

/** Processes the stored mail unless it was already; failures are recorded on the row, not thrown. */
export async function processInboundEmail(
  deps: ProcessDeps,
  workspaceId: number,
  inboundEmailId: number,
): Promise<ProcessResult> {
  const stored = await inWorkspace(deps.db, workspaceId, (tx) =>
    repo.findInboundEmail(tx, workspaceId, inboundEmailId),
  );
  if (!stored || stored.status !== 'received') return 'skipped';
  let mail: ReadMail;
  try {
    mail = await readStoredMail(deps.db, stored, (ids) =>
      inWorkspace(deps.db, workspaceId, (tx) => repo.rawsOf(tx, workspaceId, ids)),
    );
  } catch (err) {
    return recordFailure(deps, stored, err);
  }
  // Written to temp files before the transaction: the store is content-addressed, so a rollback leaves at
  // most an unreferenced copy, and the transaction does not wait on the disk.
  const prepared = await prepareAttachments(mail.attachments, deps.limits);
  try {
    return await inWorkspace(deps.db, workspaceId, async (tx) => {
      const row = await repo.lockInboundEmail(tx, workspaceId, inboundEmailId);
      if (!row || row.status !== 'received') return 'skipped';
      const now = deps.now();
      const known = new WorkspaceFacts(tx, workspaceId);
      return handle(deps, {
        tx,
        row,
        mail,
        uploads: prepared.uploads,
        skipped: prepared.skipped,
        now,
        known,
      });
    });
  } catch (err) {
    return recordFailure(deps, stored, err);
  } finally {
    await prepared.cleanup();
  }
}

async function recordFailure(
  deps: ProcessDeps,
  stored: repo.StoredMail,
  err: unknown,
): Promise<ProcessResult> {
  const error = errorText(err);
  await inWorkspace(deps.db, stored.workspace_id, async (tx) => {
    const row = await repo.lockInboundEmail(tx, stored.workspace_id, stored.id);
    if (row?.status === 'received')
      await repo.recordOutcome(tx, row, { status: 'failed', error }, deps.now());
  });
  return 'failed';
}
