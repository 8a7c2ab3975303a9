/**
 * Opens a ticket for a customer the caller already found (modules/channels/intake does, for every
 * inbound channel). Defaults, in order: priority from the request, else the category's default_priority,
 * else the workspace default; assignee from the category's default_assignee. The SLA clock (modules/sla,
 * through the hooks) then sets the SLA in force and the response/resolution due and warning times.
 *
 * Routing on arrival (the routeArrival hook, modules/assignment): a category with a team hands the new
 * ticket to that team, whose mode picks the agent or leaves it in the team queue. An explicit
 * default_assignee on the category wins over the team's automation: the ticket goes to that person (and
 * the category's team), whatever their availability or load. A channel may name the team itself (a
 * mailbox's default team), which then takes the category team's place.
 */
import type { Customer, SupportTicket, TicketChannel } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { AppError, invalid } from '../../platform/errors.js';
import { recordEvent, type Actor } from '../../platform/events.js';
import type { TicketHooks } from './hooks.js';
import * as repo from './repository.js';
import { nextTicketNumber } from './ticket-number.js';

export interface NewTicket {
  /** Who the ticket is for (an active customer of the workspace). */
  customer: Customer;
  channel: TicketChannel;
  subject: string;
  description: string;
  category?: string | number | null;
  priority?: string | number | null;
  order?: string | null;
  consignment?: string | null;
  source_phone?: string;
  /**
   * The team the channel routes new tickets to (a mailbox's default team), and why (the routing log's
   * reason). It wins over the category's team; a default assignee of the category still gets the ticket.
   */
  team?: { id: number; reason: string } | null;
  /** The mailbox the ticket came in by (its replies go out from it). */
  mailboxId?: number | null;
}

export interface CreateTicketContext {
  tx: Tx;
  workspaceId: number;
  defaultPriority: string;
  /** Who opened it, for the event (the customer, the staff member, or nobody for a channel). */
  actor: Actor;
  now: Date;
  hooks: TicketHooks;
}

function cleanRef(value: string | null | undefined, path: string): string | null {
  if (value === undefined || value === null) return null;
  const v = value.trim();
  if (v.length === 0) return null;
  if (v.length > 100) throw invalid(path, 'must be at most 100 characters');
  return v;
}

/**
 * Creates the ticket and records `ticket.created` in the same transaction; the SLA clock and the routing
 * on arrival run through `ctx.hooks` (modules/sla and modules/assignment).
 */
export async function createTicket(ctx: CreateTicketContext, input: NewTicket): Promise<SupportTicket> {
  const { tx, workspaceId, actor, now } = ctx;
  const subject = input.subject.trim();
  const description = input.description.trim();
  if (!subject) throw invalid('subject', 'must not be empty');
  if (!description) throw invalid('description', 'must not be empty');

  const category =
    input.category !== undefined && input.category !== null
      ? await repo.findCategoryByRef(tx, workspaceId, input.category)
      : undefined;
  if (input.category !== undefined && input.category !== null && (!category || !category.is_active)) {
    throw invalid('category', 'no such active category');
  }
  let priority =
    input.priority !== undefined && input.priority !== null
      ? await repo.findPriorityByRef(tx, workspaceId, input.priority)
      : undefined;
  if (input.priority !== undefined && input.priority !== null && (!priority || !priority.is_active)) {
    throw invalid('priority', 'no such active priority');
  }
  priority ??=
    (category && (await repo.findPriorityByRef(tx, workspaceId, category.default_priority))) ||
    (await repo.findPriorityByRef(tx, workspaceId, ctx.defaultPriority)) ||
    (await repo.firstActivePriority(tx, workspaceId));
  if (!priority)
    throw new AppError('RULE_VIOLATION', 'the workspace has no active priority; create one first');

  const customer = input.customer;
  if (customer.workspace_id !== workspaceId) throw invalid('customer', 'no such customer');
  if (!customer.is_active) throw new AppError('RULE_VIOLATION', 'this customer account is deactivated');
  const assignee = category?.default_assignee_id ?? null;
  const teamId = input.team?.id ?? category?.team_id ?? null;

  const inserted = await tx
    .insertInto('support_tickets')
    .values({
      workspace_id: workspaceId,
      customer_id: customer.id,
      ticket_number: await nextTicketNumber(tx, workspaceId),
      subject,
      description,
      category_id: category?.id ?? null,
      priority_id: priority.id,
      assigned_to_id: assignee,
      // Without a default assignee the team is set by routeToTeam below, which logs the move.
      team_id: assignee !== null ? teamId : null,
      channel: input.channel,
      mailbox_id: input.mailboxId ?? null,
      source_email: customer.email,
      source_phone: input.source_phone?.trim() ?? '',
      order_ref: cleanRef(input.order, 'order'),
      consignment_ref: cleanRef(input.consignment, 'consignment'),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

  const who = actor;
  const { ticket } = await ctx.hooks.refreshDues({ tx, now, actor: who, record: false }, inserted);
  await recordEvent(tx, {
    workspaceId,
    type: 'ticket.created',
    subjectType: 'ticket',
    subjectId: ticket.id,
    actor: who,
    payload: {
      ticket_id: ticket.id,
      ticket_number: ticket.ticket_number,
      channel: ticket.channel,
      customer_id: customer.id,
      assigned_to: ticket.assigned_to_id,
      team_id: ticket.team_id,
    },
  });
  return ctx.hooks.routeArrival(tx, {
    ticket,
    assignee,
    teamId,
    categorySlug: category?.slug ?? null,
    ...(input.team ? { reason: input.team.reason } : {}),
    now,
    actor: who,
  });
}
