/**
 * What one parsed inbound mail becomes (processInboundEmail and processInboundBatch call it): a bounce
 * marks the outbound mail it reports; an automatic mail threads quietly or is ignored; anything else is
 * handed to the intake — a message on the ticket it continues, or a new ticket — and then its attachments,
 * participants, Message-ID and outcome are recorded (finish).
 */
import type { Database } from '../../../db/client.js';
import type { SupportTicket } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import type { Storage } from '../../../platform/storage/storage.js';
import { attachUploads } from '../../attachments/index.js';
import { receiveInbound, type InboundResult } from '../../channels/index.js';
import type { TicketHooks } from '../../tickets/index.js';
import type { BatchWrites, WorkspaceFacts } from './batch-state.js';
import { bounceFacts } from './classify.js';
import { foldQuotes, linkInlineImages } from './content.js';
import { findStaff, findThread, type ReferencedTicket, type ThreadTarget } from './find-thread.js';
import * as repo from './inbound-repository.js';
import type { AttachmentLimits, MailUpload } from './mail-attachments.js';
import type { ReadMail } from './read-mail.js';
import { splitAddress } from './recipients.js';

export interface ProcessDeps {
  db: Database;
  storage: Storage;
  now: () => Date;
  hooks: TicketHooks;
  limits: AttachmentLimits;
}

export type ProcessResult = 'processed' | 'ignored' | 'failed' | 'skipped';

export const MAX_SUBJECT = 255;
export const MAX_TEXT = 100_000;

export interface Work {
  tx: Tx;
  row: repo.StoredMail;
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

/** Records what the mail became: now, or with its batch's others (BatchWrites). */
export async function recordOutcome(w: Work, outcome: repo.Outcome): Promise<void> {
  if (w.batch?.defers(w.row)) w.batch.outcomes.push({ row: w.row, outcome, now: w.now });
  else await repo.recordOutcome(w.tx, w.row, outcome, w.now);
}

export function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

export async function handle(deps: ProcessDeps, w: Work): Promise<ProcessResult> {
  const { tx, row, mail, now } = w;
  const ws = row.workspace_id;
  if (mail.classification === 'bounce') {
    // The report's own parts name the bounced mail: read from the raw bytes (only bounces need them).
    const raw = (await repo.rawsOf(tx, ws, [row.id])).get(row.id) ?? new Uint8Array();
    const { messageIds, reason } = bounceFacts(Buffer.from(raw), row.message_id);
    const bounced = await repo.markBounced(tx, ws, messageIds, reason, now);
    await recordOutcome(w, {
      status: bounced ? 'processed' : 'ignored',
      classification: 'bounce',
      ticketId: bounced?.ticket_id ?? null,
      error: bounced ? '' : 'a delivery report that names none of our mail',
    });
    return bounced ? 'processed' : 'ignored';
  }
  const target = await threadOf(w);
  const allowed = target?.sender ? target : null;
  const text = textOf(w);
  const visible = text.visible;

  if (mail.classification === 'auto') {
    if (!allowed) {
      await recordOutcome(w, { status: 'ignored', classification: 'auto', folded: text.folded });
      return 'ignored';
    }
    const message = await addQuietMessage(tx, allowed.ticket, w, visible);
    return finish(
      deps,
      w,
      allowed.ticket,
      message,
      text.folded,
      allowed.sender === 'staff' ? null : undefined,
    );
  }

  let result: InboundResult;
  const base = { tx, workspace: await w.known.workspaceRow(), now, hooks: deps.hooks };
  const from = senderOf(mail);
  if (allowed && !['closed', 'cancelled'].includes(allowed.ticket.status)) {
    const staff = allowed.sender === 'staff' ? await findStaff(tx, ws, mail.sender) : undefined;
    result = await receiveInbound(base, {
      channel: 'email',
      actor: staff
        ? { kind: 'staff', userId: staff.userId, role: staff.role, via: 'token' }
        : { kind: 'channel' },
      from,
      thread: {
        ticket: allowed.ticket.id,
        message: visible,
        writer: staff ? 'staff' : (allowed.sender as 'customer' | 'participant'),
      },
    });
  } else {
    result = await receiveInbound(base, {
      channel: 'email',
      actor: { kind: 'channel' },
      from,
      ticket: await newTicketOf(w, visible),
    });
    if (allowed) await followUp(tx, result.ticket, allowed);
  }
  return afterIntake(deps, w, result, text.folded);
}

/** What follows the intake: the participants copied on the mail, and finish. */
export async function afterIntake(
  deps: ProcessDeps,
  w: Work,
  result: InboundResult,
  folded: string,
): Promise<ProcessResult> {
  await rememberParticipants(w.tx, result.ticket, w.mail, await w.known.mailboxAddresses(), w.now);
  return finish(deps, w, result.ticket, result.message, folded, staffUploader(result));
}

/** The ticket the mail continues and who its sender is there (find-thread.ts), or null. */
export async function threadOf(w: Work): Promise<ThreadTarget | null> {
  const { row, mail } = w;
  return findThread(
    w.tx,
    row.workspace_id,
    {
      recipients: [...row.envelope_to, ...mail.copied],
      mailboxAddresses: await w.known.mailboxAddresses(),
      referencedIds: mail.referencedIds,
      subject: mail.subject,
    },
    mail.sender,
    w.references,
  );
}

/** The message text: quotes folded away (kept aside), notes on attachments not kept, within MAX_TEXT. */
export function textOf(w: Work): { visible: string; folded: string } {
  const text = foldQuotes(w.mail.text);
  const visible = withNotes(text.visible || w.mail.subject || '(empty message)', w.skipped).slice(
    0,
    MAX_TEXT,
  );
  return { visible, folded: text.folded };
}

export function senderOf(mail: ReadMail): { email: string; name?: string } {
  return { email: mail.sender, ...(mail.senderName ? { name: mail.senderName.slice(0, 100) } : {}) };
}

/** The ticket the mail opens, with its mailbox's defaults. */
export async function newTicketOf(w: Work, description: string) {
  const { row, mail } = w;
  const mailbox = await w.known.mailboxDefaults(row.mailbox_id);
  return {
    subject: (mail.subject || '(no subject)').slice(0, MAX_SUBJECT),
    description,
    ...(mailbox?.category ? { category: mailbox.category } : {}),
    ...(mailbox?.priority ? { priority: mailbox.priority } : {}),
    ...(mailbox?.team ? { team: { id: mailbox.team, reason: `mailbox ${mailbox.address}` } } : {}),
    mailboxId: row.mailbox_id,
  };
}

function staffUploader(result: InboundResult): number | null {
  return result.message?.sender_id ?? null;
}

function withNotes(text: string, skipped: string[]): string {
  if (skipped.length === 0) return text;
  return `${text}\n\n[Not kept as attachments (the original mail has them):\n${skipped.map((s) => `- ${s}`).join('\n')}]`;
}

/** An automatic mail on a ticket: recorded, but it reopens nothing and tells no one (no event). */
async function addQuietMessage(tx: Tx, ticket: SupportTicket, w: Work, text: string): Promise<KeptMessage> {
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
      email_message_id: repo.messageIdColumn(w.row.message_id),
    })
    .returning(['id', 'email_message_id'])
    .executeTakeFirstOrThrow();
  return row;
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

/** The message a mail became, and the Message-ID it carries ('' when none was written with it). */
type KeptMessage = { id: number; email_message_id: string };

/**
 * Attachments, the message's Message-ID (unless the message was written with it), the ticket's mailbox,
 * and the row's outcome.
 */
async function finish(
  deps: ProcessDeps,
  w: Work,
  ticket: SupportTicket,
  message: KeptMessage | null,
  folded: string,
  staffUserId: number | null | undefined,
): Promise<ProcessResult> {
  const { tx, row, now } = w;
  const ws = row.workspace_id;
  const messageId = message?.id ?? null;
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
  if (message && message.email_message_id !== repo.messageIdColumn(row.message_id)) {
    const found = { messageRowId: message.id, messageId: row.message_id };
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
    html: w.mail.html === null ? null : linkInlineImages(w.mail.html, inline),
    folded,
  });
  return 'processed';
}
