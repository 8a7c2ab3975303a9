/**
 * Processes one stored inbound mail (the `email.process` job; an admin's retry): parse, classify, thread
 * and hand it to the intake — a new ticket, or a message on the ticket it continues — then record what it
 * became on the stored row. All of it in one transaction with the row locked, so a mail is processed once
 * even when its job runs twice; the intake's receipt (by Message-ID) guards the same from its side.
 *
 * Loop protection: an automatic mail threads without reopening or notifying (no event), and opens
 * nothing; a delivery-status report marks the outbound mail it bounces instead of making a ticket.
 */
import type { Database } from '../../../db/client.js';
import type { InboundEmail, SupportTicket } from '../../../db/schema.js';
import { inWorkspace, type Tx } from '../../../db/tenant.js';
import type { Storage } from '../../../platform/storage/storage.js';
import { attachUploads } from '../../attachments/index.js';
import { claimReceipts, completeReceipts, receiveInbound, type InboundResult } from '../../channels/index.js';
import type { TicketHooks } from '../../tickets/index.js';
import { bounceFacts } from './classify.js';
import { foldQuotes, sanitizeMailHtml } from './content.js';
import {
  findStaff,
  findThread,
  lookedUpReferences,
  ticketsByMessageIds,
  type ReferencedTicket,
  type ThreadTarget,
} from './find-thread.js';
import * as repo from './inbound-repository.js';
import { prepareAttachments, type AttachmentLimits, type MailUpload } from './mail-attachments.js';
import { readMail, type ReadMail } from './read-mail.js';
import { splitAddress } from './recipients.js';

export interface ProcessDeps {
  db: Database;
  storage: Storage;
  now: () => Date;
  hooks: TicketHooks;
  limits: AttachmentLimits;
}

export type ProcessResult = 'processed' | 'ignored' | 'failed' | 'skipped';

const MAX_SUBJECT = 255;
const MAX_TEXT = 100_000;

interface Work {
  tx: Tx;
  row: InboundEmail;
  mail: ReadMail;
  uploads: MailUpload[];
  skipped: string[];
  now: Date;
  known: WorkspaceFacts;
  /** Set when the mail is processed with others in one transaction (processTogether). */
  batch?: BatchWrites;
  /** The tickets this mail's references name, read for the batch; undefined: look them up. */
  references?: Map<string, ReferencedTicket>;
}

/**
 * The writes of a batch that no later mail of it reads — each mail's outcome on its stored row, and the
 * Message-ID on the message it became — made in one statement each when the batch is done. A mail that
 * a later mail of the batch references (In-Reply-To/References) writes both at once, so that the later
 * one finds its ticket.
 */
class BatchWrites {
  readonly outcomes: { row: InboundEmail; outcome: repo.Outcome; now: Date }[] = [];
  readonly messageIds: { messageRowId: number; messageId: string }[] = [];
  readonly receipts: { externalId: string; ticketId: number; messageId: number | null }[] = [];

  constructor(
    private readonly workspaceId: number,
    /** Message-IDs of the batch's mails that other mails of the batch reference. */
    private readonly referenced: Set<string>,
    /** Message-IDs whose intake receipts the batch claimed (claimReceipts) and completes at its end. */
    private readonly claimed: Set<string>,
  ) {}

  /** Whether the batch claimed this mail's receipt: true once per Message-ID. */
  claimedReceipt(row: InboundEmail): boolean {
    return this.claimed.delete(row.message_id.trim());
  }

  defers(row: InboundEmail): boolean {
    return !this.referenced.has(row.message_id);
  }

  async flush(tx: Tx): Promise<void> {
    await repo.recordOutcomes(tx, this.outcomes);
    await repo.setEmailMessageIds(tx, this.workspaceId, this.messageIds);
    await completeReceipts(tx, this.workspaceId, 'email', this.receipts);
  }
}

/** Records what the mail became: now, or with its batch's others (BatchWrites). */
async function recordOutcome(w: Work, outcome: repo.Outcome): Promise<void> {
  if (w.batch?.defers(w.row)) w.batch.outcomes.push({ row: w.row, outcome, now: w.now });
  else await repo.recordOutcome(w.tx, w.row, outcome, w.now);
}

/**
 * What every mail of one transaction asks about its workspace, read once per transaction: the
 * workspace's default priority, its mailbox addresses, and each mailbox's defaults for new tickets.
 */
class WorkspaceFacts {
  private workspace: Promise<{ id: number; default_priority: string }> | undefined;
  private addresses: Promise<string[]> | undefined;
  private defaults = new Map<number, Promise<MailboxDefaults | undefined>>();

  constructor(
    private readonly tx: Tx,
    private readonly workspaceId: number,
  ) {}

  workspaceRow() {
    return (this.workspace ??= this.tx
      .selectFrom('workspaces')
      .select(['id', 'default_priority'])
      .where('id', '=', this.workspaceId)
      .executeTakeFirstOrThrow());
  }

  mailboxAddresses() {
    return (this.addresses ??= repo.mailboxAddresses(this.tx, this.workspaceId));
  }

  mailboxDefaults(mailboxId: number | null): Promise<MailboxDefaults | undefined> {
    if (mailboxId === null) return Promise.resolve(undefined);
    let found = this.defaults.get(mailboxId);
    if (!found) {
      // Only defaults that still name an active category/priority and an existing team: a mailbox whose
      // default was deactivated since opens tickets with the workspace's defaults, never fails the mail.
      found = this.tx
        .selectFrom('mailboxes as m')
        .leftJoin('ticket_categories as c', (j) =>
          j
            .onRef('c.workspace_id', '=', 'm.workspace_id')
            .onRef('c.id', '=', 'm.default_category_id')
            .on('c.is_active', '=', true),
        )
        .leftJoin('ticket_priorities as p', (j) =>
          j
            .onRef('p.workspace_id', '=', 'm.workspace_id')
            .onRef('p.id', '=', 'm.default_priority_id')
            .on('p.is_active', '=', true),
        )
        .leftJoin('support_teams as t', (j) =>
          j.onRef('t.workspace_id', '=', 'm.workspace_id').onRef('t.id', '=', 'm.default_team_id'),
        )
        .select(['m.address', 'c.id as category', 'p.id as priority', 't.id as team'])
        .where('m.workspace_id', '=', this.workspaceId)
        .where('m.id', '=', mailboxId)
        .executeTakeFirst();
      this.defaults.set(mailboxId, found);
    }
    return found;
  }
}

interface MailboxDefaults {
  address: string;
  category: number | null;
  priority: number | null;
  team: number | null;
}

/** Mails processed in one transaction at most (one commit for all of them). */
const BATCH = 50;

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

/** Returns the ids of the mails kept as failed (unparseable). */
async function processTogether(deps: ProcessDeps, workspaceId: number, ids: number[]): Promise<number[]> {
  return inWorkspace(deps.db, workspaceId, async (tx) => {
    const failed: number[] = [];
    const rows = await repo.lockReceivedEmails(tx, workspaceId, ids);
    // Parsed before anything is written: the workspace's ticket-number lock (taken by the first new
    // ticket) is then held for the writes only.
    const parsed = await Promise.all(
      rows.map((row) =>
        readMail(Buffer.from(row.raw)).then(
          (mail) => ({ row, mail }),
          (err: unknown) => ({ row, err }),
        ),
      ),
    );
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
    // The intake receipts of the mails that reach the intake (not bounces, not automatic mail): claimed
    // here at once, completed at the end (receiveInbound's receiptClaimed).
    const intake = parsed.flatMap((item) =>
      'err' in item || ['bounce', 'auto'].includes(item.mail.classification)
        ? []
        : [item.row.message_id.trim()].filter((id) => id !== ''),
    );
    const claimed = await claimReceipts(tx, workspaceId, 'email', [...new Set(intake)], deps.now());
    const batch = new BatchWrites(workspaceId, referencedInBatch, claimed);
    for (const item of parsed) {
      const now = deps.now();
      if ('err' in item) {
        await repo.recordOutcome(tx, item.row, { status: 'failed', error: errorText(item.err) }, now);
        failed.push(item.row.id);
        continue;
      }
      const prepared = await prepareAttachments(item.mail.attachments, deps.limits);
      try {
        await handle(deps, {
          tx,
          row: item.row,
          mail: item.mail,
          uploads: prepared.uploads,
          skipped: prepared.skipped,
          now,
          known,
          batch,
          ...(lookedUpReferences(item.mail).some((id) => inBatch.has(id)) ? {} : { references }),
        });
      } finally {
        await prepared.cleanup();
      }
    }
    await batch.flush(tx);
    return failed;
  });
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
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
    mail = await readMail(Buffer.from(stored.raw));
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

async function recordFailure(deps: ProcessDeps, stored: InboundEmail, err: unknown): Promise<ProcessResult> {
  const error = errorText(err);
  await inWorkspace(deps.db, stored.workspace_id, async (tx) => {
    const row = await repo.lockInboundEmail(tx, stored.workspace_id, stored.id);
    if (row?.status === 'received')
      await repo.recordOutcome(tx, row, { status: 'failed', error }, deps.now());
  });
  return 'failed';
}

async function handle(deps: ProcessDeps, w: Work): Promise<ProcessResult> {
  const { tx, row, mail, now } = w;
  const ws = row.workspace_id;
  if (mail.classification === 'bounce') {
    const { messageIds, reason } = bounceFacts(Buffer.from(row.raw), row.message_id);
    const bounced = await repo.markBounced(tx, ws, messageIds, reason, now);
    await recordOutcome(w, {
      status: bounced ? 'processed' : 'ignored',
      classification: 'bounce',
      ticketId: bounced?.ticket_id ?? null,
      error: bounced ? '' : 'a delivery report that names none of our mail',
    });
    return bounced ? 'processed' : 'ignored';
  }
  const ours = await w.known.mailboxAddresses();
  const target = await findThread(
    tx,
    ws,
    {
      recipients: [...row.envelope_to, ...mail.copied],
      mailboxAddresses: ours,
      referencedIds: mail.referencedIds,
      subject: mail.subject,
    },
    mail.sender,
    w.references,
  );
  const allowed = target?.sender ? target : null;
  const text = foldQuotes(mail.text);
  const visible = withNotes(text.visible || mail.subject || '(empty message)', w.skipped).slice(0, MAX_TEXT);

  if (mail.classification === 'auto') {
    if (!allowed) {
      await recordOutcome(w, { status: 'ignored', classification: 'auto', folded: text.folded });
      return 'ignored';
    }
    const messageId = await addQuietMessage(tx, allowed.ticket, w, visible);
    return finish(
      deps,
      w,
      allowed.ticket,
      messageId,
      text.folded,
      allowed.sender === 'staff' ? null : undefined,
    );
  }

  let result: InboundResult;
  const claimed = w.batch?.claimedReceipt(row) === true;
  const base = { tx, workspace: await w.known.workspaceRow(), now, hooks: deps.hooks };
  const from = { email: mail.sender, ...(mail.senderName ? { name: mail.senderName.slice(0, 100) } : {}) };
  if (allowed && !['closed', 'cancelled'].includes(allowed.ticket.status)) {
    const staff = allowed.sender === 'staff' ? await findStaff(tx, ws, mail.sender) : undefined;
    result = await receiveInbound(base, {
      channel: 'email',
      actor: staff
        ? { kind: 'staff', userId: staff.userId, role: staff.role, via: 'token' }
        : { kind: 'channel' },
      externalId: row.message_id,
      receiptClaimed: claimed,
      from,
      thread: {
        ticket: allowed.ticket.id,
        message: visible,
        writer: staff ? 'staff' : (allowed.sender as 'customer' | 'participant'),
      },
    });
  } else {
    const mailbox = await w.known.mailboxDefaults(row.mailbox_id);
    result = await receiveInbound(base, {
      channel: 'email',
      actor: { kind: 'channel' },
      externalId: row.message_id,
      receiptClaimed: claimed,
      from,
      ticket: {
        subject: (mail.subject || '(no subject)').slice(0, MAX_SUBJECT),
        description: visible,
        ...(mailbox?.category ? { category: mailbox.category } : {}),
        ...(mailbox?.priority ? { priority: mailbox.priority } : {}),
        ...(mailbox?.team ? { team: { id: mailbox.team, reason: `mailbox ${mailbox.address}` } } : {}),
        mailboxId: row.mailbox_id,
      },
    });
    if (allowed) await followUp(tx, result.ticket, allowed);
  }
  if (claimed) {
    w.batch?.receipts.push({
      externalId: row.message_id.trim(),
      ticketId: result.ticket.id,
      messageId: result.message?.id ?? null,
    });
  }
  if (!result.created) {
    // The intake saw this Message-ID before (stored twice under one id): nothing new was written.
    await recordOutcome(w, { status: 'ignored', ticketId: result.ticket.id, error: 'duplicate Message-ID' });
    return 'ignored';
  }
  await rememberParticipants(tx, result.ticket, mail, ours, now);
  return finish(deps, w, result.ticket, result.message?.id ?? null, text.folded, staffUploader(result));
}

function staffUploader(result: InboundResult): number | null {
  return result.message?.sender_id ?? null;
}

function withNotes(text: string, skipped: string[]): string {
  if (skipped.length === 0) return text;
  return `${text}\n\n[Not kept as attachments (the original mail has them):\n${skipped.map((s) => `- ${s}`).join('\n')}]`;
}

/** An automatic mail on a ticket: recorded, but it reopens nothing and tells no one (no event). */
async function addQuietMessage(tx: Tx, ticket: SupportTicket, w: Work, text: string): Promise<number> {
  const row = await tx
    .insertInto('support_ticket_messages')
    .values({
      workspace_id: ticket.workspace_id,
      ticket_id: ticket.id,
      message: text,
      message_type: 'customer',
      sender_name: (w.mail.senderName || w.mail.sender).slice(0, 100),
      sender_email: w.mail.sender,
      created_at: w.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A reply to a closed ticket opened this one: link it to the old. */
async function followUp(tx: Tx, ticket: SupportTicket, previous: ThreadTarget): Promise<void> {
  await tx
    .updateTable('support_tickets')
    .set({ follow_up_of_id: previous.ticket.id })
    .where('workspace_id', '=', ticket.workspace_id)
    .where('id', '=', ticket.id)
    .execute();
}

/** Addresses copied on the mail (not ours, not the sender) may write on the ticket from now on. */
async function rememberParticipants(
  tx: Tx,
  ticket: SupportTicket,
  mail: ReadMail,
  ours: string[],
  now: Date,
) {
  const mine = new Set(ours);
  const copied = mail.copied.filter(
    (a) => a !== mail.sender && !mine.has(splitAddress(a).base) && a.length <= 254,
  );
  await repo.addParticipants(tx, ticket.workspace_id, ticket.id, [...new Set(copied)].slice(0, 50), now);
}

/** Attachments, the message's Message-ID, the ticket's mailbox, and the row's outcome. */
async function finish(
  deps: ProcessDeps,
  w: Work,
  ticket: SupportTicket,
  messageId: number | null,
  folded: string,
  staffUserId: number | null | undefined,
): Promise<ProcessResult> {
  const { tx, row, now } = w;
  const ws = row.workspace_id;
  const uploader = staffUserId ? { userId: staffUserId } : { customerId: ticket.customer_id };
  const refs = await attachUploads(
    { tx, workspaceId: ws, storage: deps.storage, now },
    { ticketId: ticket.id, messageId, uploader },
    w.uploads,
  );
  const inline = new Map<string, string>();
  w.uploads.forEach((u, i) => {
    const ref = refs[i];
    if (u.contentId && ref)
      inline.set(u.contentId, `/api/support/tickets/${ticket.id}/attachments/${ref.id}/`);
  });
  if (messageId !== null) {
    const found = { messageRowId: messageId, messageId: row.message_id };
    if (w.batch?.defers(row)) w.batch.messageIds.push(found);
    else await repo.setEmailMessageIds(tx, ws, [found]);
  }
  if (ticket.mailbox_id === null && row.mailbox_id !== null) {
    await tx
      .updateTable('support_tickets')
      .set({ mailbox_id: row.mailbox_id })
      .where('workspace_id', '=', ws)
      .where('id', '=', ticket.id)
      .execute();
  }
  await recordOutcome(w, {
    status: 'processed',
    classification: w.mail.classification,
    ticketId: ticket.id,
    messageRowId: messageId,
    html: w.mail.html === null ? null : sanitizeMailHtml(w.mail.html, inline),
    folded,
  });
  return 'processed';
}
