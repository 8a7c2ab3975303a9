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
import { receiveInbound, type InboundResult } from '../../channels/index.js';
import type { TicketHooks } from '../../tickets/index.js';
import { bounceFacts } from './classify.js';
import { foldQuotes, sanitizeMailHtml } from './content.js';
import { findStaff, findThread, type ThreadTarget } from './find-thread.js';
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
      return handle(deps, { tx, row, mail, uploads: prepared.uploads, skipped: prepared.skipped, now });
    });
  } catch (err) {
    return recordFailure(deps, stored, err);
  } finally {
    await prepared.cleanup();
  }
}

async function recordFailure(deps: ProcessDeps, stored: InboundEmail, err: unknown): Promise<ProcessResult> {
  const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
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
    await repo.recordOutcome(
      tx,
      row,
      {
        status: bounced ? 'processed' : 'ignored',
        classification: 'bounce',
        ticketId: bounced?.ticket_id ?? null,
        error: bounced ? '' : 'a delivery report that names none of our mail',
      },
      now,
    );
    return bounced ? 'processed' : 'ignored';
  }
  const ours = await repo.mailboxAddresses(tx, ws);
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
  );
  const allowed = target?.sender ? target : null;
  const text = foldQuotes(mail.text);
  const visible = withNotes(text.visible || mail.subject || '(empty message)', w.skipped).slice(0, MAX_TEXT);

  if (mail.classification === 'auto') {
    if (!allowed) {
      await repo.recordOutcome(
        tx,
        row,
        { status: 'ignored', classification: 'auto', folded: text.folded },
        now,
      );
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
  const base = { tx, workspace: await workspaceOf(tx, ws), now, hooks: deps.hooks };
  const from = { email: mail.sender, ...(mail.senderName ? { name: mail.senderName.slice(0, 100) } : {}) };
  if (allowed && !['closed', 'cancelled'].includes(allowed.ticket.status)) {
    const staff = allowed.sender === 'staff' ? await findStaff(tx, ws, mail.sender) : undefined;
    result = await receiveInbound(base, {
      channel: 'email',
      actor: staff
        ? { kind: 'staff', userId: staff.userId, role: staff.role, via: 'token' }
        : { kind: 'channel' },
      externalId: row.message_id,
      from,
      thread: {
        ticket: allowed.ticket.id,
        message: visible,
        writer: staff ? 'staff' : (allowed.sender as 'customer' | 'participant'),
      },
    });
  } else {
    const mailbox = await tx
      .selectFrom('mailboxes')
      .select(['default_category_id', 'default_priority_id'])
      .where('workspace_id', '=', ws)
      .where('id', '=', row.mailbox_id ?? 0)
      .executeTakeFirst();
    result = await receiveInbound(base, {
      channel: 'email',
      actor: { kind: 'channel' },
      externalId: row.message_id,
      from,
      ticket: {
        subject: (mail.subject || '(no subject)').slice(0, MAX_SUBJECT),
        description: visible,
        ...(mailbox?.default_category_id ? { category: mailbox.default_category_id } : {}),
        ...(mailbox?.default_priority_id ? { priority: mailbox.default_priority_id } : {}),
      },
    });
    if (allowed) await followUp(tx, result.ticket, allowed);
  }
  if (!result.created) {
    // The intake saw this Message-ID before (stored twice under one id): nothing new was written.
    await repo.recordOutcome(
      tx,
      row,
      { status: 'ignored', ticketId: result.ticket.id, error: 'duplicate Message-ID' },
      now,
    );
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

async function workspaceOf(tx: Tx, id: number) {
  return tx
    .selectFrom('workspaces')
    .select(['id', 'default_priority'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
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
    await tx
      .updateTable('support_ticket_messages')
      .set({ email_message_id: row.message_id.slice(0, 255) })
      .where('workspace_id', '=', ws)
      .where('id', '=', messageId)
      .execute();
  }
  if (ticket.mailbox_id === null && row.mailbox_id !== null) {
    await tx
      .updateTable('support_tickets')
      .set({ mailbox_id: row.mailbox_id })
      .where('workspace_id', '=', ws)
      .where('id', '=', ticket.id)
      .execute();
  }
  await repo.recordOutcome(
    tx,
    row,
    {
      status: 'processed',
      classification: w.mail.classification,
      ticketId: ticket.id,
      messageRowId: messageId,
      html: w.mail.html === null ? null : sanitizeMailHtml(w.mail.html, inline),
      folded,
    },
    now,
  );
  return 'processed';
}
