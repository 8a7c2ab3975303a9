/**
 * Queues one customer mail of a ticket — acknowledgement, staff reply or resolved notice — in the
 * caller's transaction: rendered from the workspace's template in its language, from the ticket's
 * mailbox, To the customer and Cc the other participants, Reply-To the ticket's reply address, threaded
 * by In-Reply-To/References, with X-Loop (and Auto-Submitted for automatic mail), the reply's
 * attachments, and a Message-ID kept on the outbox row and on the message it carries. `sourceKey` makes
 * it happen once however often the caller runs. A batch of mails (an event subscriber's) is queued with
 * one statement per step, whatever its size.
 */
import { sql, type Selectable } from 'kysely';
import type { MailboxesTable, OutboundAttachmentRef, TicketMailKind } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import type { JobQueue } from '../../../platform/jobs/queue.js';
import { newMessageId, queueEmailsOnce } from '../../../platform/mail/queue-email.js';
import { mailLanguageOf } from './default-templates.js';
import { mailTemplateFor } from './mail-templates.js';
import { ccOfTickets, isMailable } from './recipients.js';
import { brandingValues } from './mail-branding.js';
import { NO_MAIL_VALUES, renderHtml, renderText, type MailValues } from './render-mail.js';
import {
  domainOf,
  ensureReplyTokens,
  mailboxesOf,
  mailboxSender,
  replyAddress,
  threadHeaders,
  threadsOf,
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

function selectMailTickets(tx: Tx, workspaceId: number, ids: number[]) {
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
      't.reply_token',
      'c.name as customer_name',
      'c.email as customer_email',
      'c.language as customer_language',
      'w.name as workspace_name',
      'w.default_language',
      'a.name as assignee_name',
    ])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.id', 'in', ids)
    .execute();
}

/** A ticket a customer mail is about, with its customer, workspace and assignee. */
export type MailTicket = Awaited<ReturnType<typeof selectMailTickets>>[number];

/** The tickets a batch of mails is about, by id; one statement. */
export async function loadMailTickets(
  tx: Tx,
  workspaceId: number,
  ticketIds: readonly number[],
): Promise<Map<number, MailTicket>> {
  const ids = [...new Set(ticketIds)];
  if (ids.length === 0) return new Map();
  return new Map((await selectMailTickets(tx, workspaceId, ids)).map((r) => [r.id, r]));
}

/** The mailbox each ticket's mail goes out from (thread.ts mailboxesOf), keyed by ticket id. */
export async function mailboxesOfTickets(
  tx: Tx,
  workspaceId: number,
  tickets: Iterable<Pick<MailTicket, 'id' | 'mailbox_id'>>,
): Promise<Map<number, Mailbox | null>> {
  const list = [...tickets];
  const byMailbox = await mailboxesOf(
    tx,
    workspaceId,
    list.map((t) => t.mailbox_id),
  );
  return new Map(list.map((t) => [t.id, byMailbox.get(t.mailbox_id) ?? null]));
}

type Reply = {
  id: number;
  message: string;
  sender_name: string;
  attachments: OutboundAttachmentRef[];
};

/**
 * The public staff replies the mails carry, with their files (two statements); internal notes and
 * anything else are left out, whatever the event said.
 */
async function loadReplies(
  tx: Tx,
  workspaceId: number,
  wanted: readonly { ticketId: number; messageId: number }[],
): Promise<Map<number, Reply & { ticket_id: number }>> {
  const ids = [...new Set(wanted.map((w) => w.messageId))];
  if (ids.length === 0) return new Map();
  const messages = await tx
    .selectFrom('support_ticket_messages')
    .select(['id', 'ticket_id', 'message', 'sender_name', 'is_internal', 'message_type'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  const replies = messages.filter((m) => !m.is_internal && m.message_type === 'agent');
  const out = new Map<number, Reply & { ticket_id: number }>(
    replies.map((m) => [
      m.id,
      { id: m.id, ticket_id: m.ticket_id, message: m.message, sender_name: m.sender_name, attachments: [] },
    ]),
  );
  if (out.size === 0) return out;
  const files = await tx
    .selectFrom('ticket_attachments')
    .select(['message_id', 'filename', 'mime_type', 'file', 'file_size'])
    .where('workspace_id', '=', workspaceId)
    .where('message_id', 'in', [...out.keys()])
    .orderBy('id')
    .execute();
  for (const f of files) {
    out.get(f.message_id as number)?.attachments.push({
      filename: f.filename,
      content_type: f.mime_type,
      storage_key: f.file,
      size: f.file_size,
    });
  }
  return out;
}

/** Queues the mail; null when there is nothing to send (no address, an internal note, already queued). */
export async function queueCustomerMail(
  tx: Tx,
  deps: CustomerMailDeps,
  input: CustomerMailInput,
  mailbox?: Mailbox | null,
): Promise<QueuedCustomerMail | null> {
  const known = mailbox === undefined ? undefined : { mailboxes: new Map([[input.ticketId, mailbox]]) };
  const [queued] = await queueCustomerMails(tx, deps, input.workspaceId, [input], known);
  return queued ?? null;
}

/**
 * queueCustomerMail for several mails of one workspace, in order (a later mail of a ticket threads on an
 * earlier one of the batch); one entry per input. `known`: what the caller read already.
 */
export async function queueCustomerMails(
  tx: Tx,
  deps: CustomerMailDeps,
  workspaceId: number,
  inputs: readonly Omit<CustomerMailInput, 'workspaceId'>[],
  known: { tickets?: Map<number, MailTicket>; mailboxes?: Map<number, Mailbox | null> } = {},
): Promise<(QueuedCustomerMail | null)[]> {
  if (inputs.length === 0) return [];
  const tickets =
    known.tickets ??
    (await loadMailTickets(
      tx,
      workspaceId,
      inputs.map((i) => i.ticketId),
    ));
  const replies = await loadReplies(
    tx,
    workspaceId,
    inputs.flatMap((i) =>
      i.kind === 'reply' && i.messageId !== undefined
        ? [{ ticketId: i.ticketId, messageId: i.messageId }]
        : [],
    ),
  );
  const replyOf = (i: (typeof inputs)[number]) => {
    const reply = i.messageId === undefined ? undefined : replies.get(i.messageId);
    return reply && reply.ticket_id === i.ticketId ? reply : undefined;
  };
  // What is mailed: a ticket that exists with a customer address, and for a reply, the public reply.
  const mailed = inputs.flatMap((input, index) => {
    const ticket = tickets.get(input.ticketId);
    if (!ticket || !isMailable(ticket.customer_email)) return [];
    const reply = input.kind === 'reply' ? replyOf(input) : undefined;
    if (input.kind === 'reply' && !reply) return [];
    return [{ index, input, ticket, reply }];
  });
  const out: (QueuedCustomerMail | null)[] = inputs.map(() => null);
  if (mailed.length === 0) return out;

  const mailedTickets = [...new Map(mailed.map((m) => [m.ticket.id, m.ticket])).values()];
  const missing = mailedTickets.filter((t) => !known.mailboxes?.has(t.id));
  const mailboxes = new Map([
    ...(known.mailboxes ?? []),
    ...(missing.length > 0 ? await mailboxesOfTickets(tx, workspaceId, missing) : []),
  ]);
  const tokens = new Map(mailedTickets.map((t) => [t.id, t.reply_token]));
  const untokened = mailedTickets.filter((t) => !t.reply_token).map((t) => t.id);
  for (const [id, token] of await ensureReplyTokens(tx, workspaceId, untokened)) tokens.set(id, token);
  const threads = await threadsOf(
    tx,
    workspaceId,
    mailedTickets.map((t) => t.id),
  );
  const ccs = await ccOfTickets(
    tx,
    workspaceId,
    mailedTickets.map((t) => ({ id: t.id, customerEmail: t.customer_email })),
  );
  const branding = await brandingValues(tx, workspaceId, deps.publicUrl);
  const templates = new Map<string, ReturnType<typeof mailTemplateFor>>();
  const templateOf = (kind: TicketMailKind, language: ReturnType<typeof mailLanguageOf>) => {
    const key = `${kind}:${language}`;
    let template = templates.get(key);
    if (!template) templates.set(key, (template = mailTemplateFor(tx, workspaceId, kind, language)));
    return template;
  };

  const emails = [];
  for (const { input, ticket, reply } of mailed) {
    const { kind } = input;
    const box = mailboxes.get(ticket.id) ?? null;
    const token = tokens.get(ticket.id) ?? '';
    // The language the customer chose in the portal's profile, else the workspace's.
    const language = mailLanguageOf(ticket.customer_language || ticket.default_language);
    const template = await templateOf(kind, language);
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
      ...branding,
      'mailbox.signature': box?.signature ?? '',
    };

    const thread = threads.get(ticket.id) ?? [];
    const headers: Record<string, string> = { 'X-Loop': X_LOOP_ID, ...threadHeaders(thread) };
    if (box) headers['Reply-To'] = mailboxSender(box, replyAddress(box.address, token));
    // RFC 3834: automatic answers say so, so that auto-responders do not answer them.
    if (kind === 'acknowledgement') headers['Auto-Submitted'] = 'auto-replied';
    if (kind === 'resolved') headers['Auto-Submitted'] = 'auto-generated';

    const messageId = newMessageId(domainOf(box?.address ?? deps.mailFrom) ?? 'bfg2-support.local');
    // The next mail of the ticket in this batch answers this one.
    thread.push(messageId);
    threads.set(ticket.id, thread);
    emails.push({
      workspaceId,
      ticketId: ticket.id,
      kind,
      sourceKey: input.sourceKey,
      to: ticket.customer_email,
      cc: ccs.get(ticket.id) ?? [],
      from: box ? mailboxSender(box) : deps.mailFrom,
      subject: `[#${ticket.ticket_number}] ${ticket.subject}`.slice(0, 998),
      text: renderText(template.text_body, values),
      html: renderHtml(template.html_body, values),
      headers,
      messageId,
      ...(reply ? { messageRowId: reply.id, attachments: reply.attachments } : {}),
      ...(box ? { mailboxId: box.id } : {}),
    });
  }
  const queued = await queueEmailsOnce(tx, deps.jobs, emails);
  // The reply's Message-ID is kept on its message too (the desk shows it; answers thread by it).
  const stamped: { id: number; messageId: string }[] = [];
  for (const [k, { index, reply }] of mailed.entries()) {
    const q = queued[k] ?? null;
    out[index] = q;
    if (q && reply) stamped.push({ id: reply.id, messageId: q.messageId });
  }
  if (stamped.length > 0) {
    await sql`
      UPDATE support_ticket_messages m SET email_message_id = v.mid
      FROM unnest(${stamped.map((r) => r.id)}::bigint[], ${stamped.map((r) => r.messageId)}::text[]) AS v(id, mid)
      WHERE m.workspace_id = ${workspaceId} AND m.id = v.id`.execute(tx);
  }
  return out;
}
