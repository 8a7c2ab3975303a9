/**
 * A message on a ticket: a customer's reply, an agent's public reply or an internal note, optionally from
 * a response template and optionally setting a status (reply-and-set-pending, reply-and-resolve).
 * Rules of the conversation:
 * - an agent's first public reply answers the ticket (first_response_at) and moves a `new` ticket to open;
 * - a customer's reply reopens a pending, on-hold or resolved ticket; closed and cancelled ones take none;
 * - internal notes are staff-only and change no status.
 */
import type { SupportTicket, SupportTicketMessage, TicketStatus } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { AppError, invalid } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events.js';
import {
  applyStatus,
  assertNoCollision,
  assertTransition,
  auditActor,
  canCustomerReply,
  lockVisibleTicket,
  recordHistory,
  type TicketActor,
  type TicketHooks,
} from '../tickets/index.js';
import { renderTemplate } from '../templates/index.js';

export interface ReplyInput {
  message?: string;
  is_internal?: boolean;
  template?: number;
  status?: TicketStatus;
  /** Staff: the ticket version the reply is based on (collision.ts). */
  based_on?: number;
}

export interface ReplyContext {
  tx: Tx;
  workspaceId: number;
  actor: TicketActor;
  now: Date;
  /** What a status change carried by the reply triggers (SLA clock, queues). */
  hooks: TicketHooks;
}

export interface ReplyResult {
  message: SupportTicketMessage;
  ticket: SupportTicket;
}

const MAX_LENGTH = 100_000;

async function renderFromTemplate(
  ctx: ReplyContext,
  ticket: SupportTicket,
  templateId: number,
  userId: number,
): Promise<string> {
  const { tx, workspaceId } = ctx;
  const template = await tx
    .updateTable('ticket_templates')
    .set((eb) => ({ usage_count: eb('usage_count', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', templateId)
    .where('is_active', '=', true)
    .returning(['content'])
    .executeTakeFirst();
  if (!template) throw invalid('template', 'no such active template in this workspace');
  const facts = await tx
    .selectFrom('customers as c')
    .innerJoin('workspaces as w', 'w.id', 'c.workspace_id')
    .innerJoin('users as u', (j) => j.on('u.id', '=', userId))
    .select([
      'c.name as customer_name',
      'c.email as customer_email',
      'w.name as workspace_name',
      'u.name as agent_name',
      'u.email as agent_email',
    ])
    .where('c.id', '=', ticket.customer_id)
    .executeTakeFirstOrThrow();
  return renderTemplate(template.content, {
    'customer.name': facts.customer_name || facts.customer_email,
    'customer.email': facts.customer_email,
    'ticket.ticket_number': ticket.ticket_number,
    'ticket.subject': ticket.subject,
    'ticket.status': ticket.status,
    'agent.name': facts.agent_name || facts.agent_email,
    'agent.email': facts.agent_email,
    'workspace.name': facts.workspace_name,
  });
}

/** The status a reply moves the ticket to, or null for none. */
function statusAfterReply(
  ticket: SupportTicket,
  actor: TicketActor,
  internal: boolean,
  requested?: TicketStatus,
): TicketStatus | null {
  if (actor.kind === 'customer') {
    return ['pending', 'on_hold', 'resolved'].includes(ticket.status) ? 'open' : null;
  }
  if (requested && requested !== ticket.status) return requested;
  if (!internal && ticket.status === 'new') return 'open';
  return null;
}

export async function replyToTicket(
  ctx: ReplyContext,
  ref: string | number,
  input: ReplyInput,
): Promise<ReplyResult> {
  const { tx, workspaceId, actor, now } = ctx;
  if (actor.kind === 'anonymous') throw new AppError('NOT_AUTHENTICATED', 'log in to reply');
  const ticket = await lockVisibleTicket(tx, workspaceId, ref, actor);
  const staff = actor.kind === 'staff';
  const internal = input.is_internal === true;
  if (
    !staff &&
    (internal || input.template !== undefined || input.status !== undefined || input.based_on !== undefined)
  ) {
    throw new AppError('FORBIDDEN', 'customers can send a message only');
  }
  if (!staff && !canCustomerReply(ticket.status)) {
    throw new AppError('RULE_VIOLATION', `this ticket is ${ticket.status}; open a new ticket instead`);
  }
  if (internal && input.status !== undefined)
    throw invalid('status', 'an internal note does not change the status');
  await assertNoCollision(tx, ticket, input.based_on, actor, now);

  let text = input.message?.trim() ?? '';
  if (staff && input.template !== undefined) {
    const rendered = await renderFromTemplate(ctx, ticket, input.template, actor.userId);
    if (!text) text = rendered;
  }
  if (!text) throw invalid('message', 'must not be empty');
  if (text.length > MAX_LENGTH) throw invalid('message', `must be at most ${MAX_LENGTH} characters`);

  const next = statusAfterReply(ticket, actor, internal, input.status);
  if (next && staff && input.status !== undefined)
    assertTransition(ticket.status, next, { kind: 'staff', role: actor.role });

  const sender = staff
    ? await tx
        .selectFrom('users')
        .select(['name', 'email'])
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow()
    : await tx
        .selectFrom('customers')
        .select(['name', 'email'])
        .where('id', '=', actor.customerId)
        .executeTakeFirstOrThrow();
  const message = await tx
    .insertInto('support_ticket_messages')
    .values({
      workspace_id: workspaceId,
      ticket_id: ticket.id,
      message: text,
      message_type: staff ? (internal ? 'note' : 'agent') : 'customer',
      sender_id: staff ? actor.userId : null,
      sender_customer_id: staff ? null : actor.customerId,
      sender_name: (sender.name || sender.email).slice(0, 100),
      sender_email: sender.email,
      is_staff_reply: staff,
      is_internal: internal,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

  const who = auditActor(actor);
  let updated = ticket;
  const firstResponse = staff && !internal && ticket.first_response_at === null;
  if (firstResponse) {
    await recordHistory(tx, ticket, [{ field: 'first_response_at', old: null, new: now }], who, now);
  }
  // An internal note leaves the ticket as its customer sees it, updated_at included: the customer's list
  // shows and sorts by it, so a bump would tell them that staff wrote something. The note has its own date.
  if (!internal) {
    updated = await tx
      .updateTable('support_tickets')
      .set({ updated_at: now, ...(firstResponse ? { first_response_at: now } : {}) })
      .where('id', '=', ticket.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  if (next) updated = await applyStatus(ctx, updated, next, staff ? undefined : 'the customer replied');

  await recordEvent(tx, {
    workspaceId,
    type: 'message.created',
    subjectType: 'message',
    subjectId: message.id,
    actor: who,
    payload: {
      ticket_id: ticket.id,
      message_id: message.id,
      message_type: message.message_type,
      is_internal: internal,
    },
  });
  return { message, ticket: updated };
}
