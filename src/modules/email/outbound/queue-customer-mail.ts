/**
 * Queues one customer mail of a ticket — acknowledgement, staff reply or resolved notice — in the
 * caller's transaction: rendered from the workspace's template in its language, from the ticket's
 * mailbox, To the customer and Cc the other participants, Reply-To the ticket's reply address, threaded
 * by In-Reply-To/References, with X-Loop (and Auto-Submitted for automatic mail), the reply's
 * attachments, and a Message-ID kept on the outbox row and on the message it carries. `sourceKey` makes
 * it happen once however often the caller runs.
 */
import type { Selectable } from 'kysely';
import type { MailboxesTable, OutboundAttachmentRef, TicketMailKind } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import type { JobQueue } from '../../../platform/jobs/queue.js';
import { newMessageId, queueEmailOnce } from '../../../platform/mail/queue-email.js';
import { mailLanguageOf } from './default-templates.js';
import { mailTemplateFor } from './mail-templates.js';
import { ccOfTicket, isMailable } from './recipients.js';
import { brandingValues } from './mail-branding.js';
import { NO_MAIL_VALUES, renderHtml, renderText, type MailValues } from './render-mail.js';
import {
  domainOf,
  ensureReplyToken,
  mailboxOfTicket,
  mailboxSender,
  replyAddress,
  threadHeaders,
  X_LOOP_ID,
} from './thread.js';

export interface CustomerMailDeps {
  jobs: JobQueue;
  publicUrl: string;
  /** The installation's MAIL_FROM: the sender (and Message-ID domain) of a workspace without mailboxes. */
  mailFrom: string;
}

export interface CustomerMailInput {
  workspaceId: number;
  ticketId: number;
  kind: TicketMailKind;
  /** The staff reply a 'reply' mail carries. */
  messageId?: number;
  /** What asked for the mail ('message.created:42'): at most one mail per key. */
  sourceKey: string;
}

export type Mailbox = Selectable<MailboxesTable>;

export interface QueuedCustomerMail {
  id: number;
  messageId: string;
}

async function loadTicket(tx: Tx, workspaceId: number, ticketId: number) {
  return tx
    .selectFrom('support_tickets as t')
    .innerJoin('customers as c', 'c.id', 't.customer_id')
    .innerJoin('workspaces as w', 'w.id', 't.workspace_id')
    .leftJoin('users as a', 'a.id', 't.assigned_to_id')
    .select([
      't.id',
      't.ticket_number',
      't.subject',
      't.description',
      't.status',
      't.channel',
      't.mailbox_id',
      'c.name as customer_name',
      'c.email as customer_email',
      'c.language as customer_language',
      'w.name as workspace_name',
      'w.default_language',
      'a.name as assignee_name',
    ])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.id', '=', ticketId)
    .executeTakeFirst();
}

/** The public staff reply a mail carries, with its files; undefined for anything else. */
async function loadReply(tx: Tx, workspaceId: number, ticketId: number, messageId: number) {
  const message = await tx
    .selectFrom('support_ticket_messages')
    .select(['id', 'message', 'sender_name', 'is_internal', 'is_staff_reply', 'message_type'])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('id', '=', messageId)
    .executeTakeFirst();
  // Internal notes are never mailed, whatever the event said.
  if (!message || message.is_internal || message.message_type !== 'agent') return undefined;
  const files = await tx
    .selectFrom('ticket_attachments')
    .select(['filename', 'mime_type', 'file', 'file_size'])
    .where('workspace_id', '=', workspaceId)
    .where('message_id', '=', messageId)
    .orderBy('id')
    .execute();
  const attachments: OutboundAttachmentRef[] = files.map((f) => ({
    filename: f.filename,
    content_type: f.mime_type,
    storage_key: f.file,
    size: f.file_size,
  }));
  return { ...message, attachments };
}

/** Queues the mail; null when there is nothing to send (no address, an internal note, already queued). */
export async function queueCustomerMail(
  tx: Tx,
  deps: CustomerMailDeps,
  input: CustomerMailInput,
  mailbox?: Mailbox | null,
): Promise<QueuedCustomerMail | null> {
  const { workspaceId, ticketId, kind } = input;
  const ticket = await loadTicket(tx, workspaceId, ticketId);
  if (!ticket || !isMailable(ticket.customer_email)) return null;
  const reply =
    kind === 'reply' && input.messageId !== undefined
      ? await loadReply(tx, workspaceId, ticketId, input.messageId)
      : undefined;
  if (kind === 'reply' && !reply) return null;

  const box = mailbox === undefined ? await mailboxOfTicket(tx, workspaceId, ticket.mailbox_id) : mailbox;
  const token = await ensureReplyToken(tx, workspaceId, ticketId);
  // The language the customer chose in the portal's profile, else the workspace's.
  const language = mailLanguageOf(ticket.customer_language || ticket.default_language);
  const template = await mailTemplateFor(tx, workspaceId, kind, language);
  const values: MailValues = {
    ...NO_MAIL_VALUES,
    'customer.name': ticket.customer_name || ticket.customer_email,
    'customer.email': ticket.customer_email,
    'ticket.number': ticket.ticket_number,
    'ticket.subject': ticket.subject,
    'ticket.status': ticket.status,
    'agent.name': reply?.sender_name ?? ticket.assignee_name ?? ticket.workspace_name,
    'message.text': reply?.message ?? (kind === 'acknowledgement' ? ticket.description : ''),
    'portal.link': `${deps.publicUrl}/app/tickets/${encodeURIComponent(ticket.ticket_number)}`,
    'workspace.name': ticket.workspace_name,
    ...(await brandingValues(tx, workspaceId, deps.publicUrl)),
    'mailbox.signature': box?.signature ?? '',
  };

  const headers: Record<string, string> = {
    'X-Loop': X_LOOP_ID,
    ...(await threadHeaders(tx, workspaceId, ticketId)),
  };
  if (box) headers['Reply-To'] = mailboxSender(box, replyAddress(box.address, token));
  // RFC 3834: automatic answers say so, so that auto-responders do not answer them.
  if (kind === 'acknowledgement') headers['Auto-Submitted'] = 'auto-replied';
  if (kind === 'resolved') headers['Auto-Submitted'] = 'auto-generated';

  const from = box ? mailboxSender(box) : deps.mailFrom;
  const messageId = newMessageId(domainOf(box?.address ?? deps.mailFrom) ?? 'bfg2-support.local');
  const queued = await queueEmailOnce(tx, deps.jobs, {
    workspaceId,
    ticketId,
    kind,
    sourceKey: input.sourceKey,
    to: ticket.customer_email,
    cc: await ccOfTicket(tx, workspaceId, ticketId, ticket.customer_email),
    from,
    subject: `[#${ticket.ticket_number}] ${ticket.subject}`.slice(0, 998),
    text: renderText(template.text_body, values),
    html: renderHtml(template.html_body, values),
    headers,
    messageId,
    ...(reply ? { messageRowId: reply.id, attachments: reply.attachments } : {}),
    ...(box ? { mailboxId: box.id } : {}),
  });
  if (queued && reply) {
    await tx
      .updateTable('support_ticket_messages')
      .set({ email_message_id: messageId })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', reply.id)
      .execute();
  }
  return queued;
}
