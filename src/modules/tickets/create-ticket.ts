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
import { recordEvents, type Actor } from '../../platform/events.js';
import type { TicketHooks } from './hooks.js';
import * as repo from './repository.js';
import { newReplyToken } from './reply-token.js';
import { nextTicketNumbers } from './ticket-number.js';

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
  const [ticket] = await createTickets(ctx, [{ ...input, actor: ctx.actor }]);
  if (!ticket) throw new Error('createTickets returned no ticket');
  return ticket;
}

/** Memoised reads of a workspace's categories and priorities for one call of createTickets. */
function refsOf(tx: Tx, workspaceId: number) {
  const memo = <V>(load: (ref: string | number) => Promise<V>) => {
    const cache = new Map<string, Promise<V>>();
    return (ref: string | number) => {
      let found = cache.get(String(ref));
      if (!found) cache.set(String(ref), (found = load(ref)));
      return found;
    };
  };
  const lazy = <V>(load: () => Promise<V>) => {
    let value: Promise<V> | undefined;
    return () => (value ??= load());
  };
  return {
    category: memo((ref) => repo.findCategoryByRef(tx, workspaceId, ref)),
    priority: memo((ref) => repo.findPriorityByRef(tx, workspaceId, ref)),
    firstActivePriority: lazy(() => repo.firstActivePriority(tx, workspaceId)),
  };
}

/** Checks one new ticket and resolves its category, priority, assignee and team (before any write). */
async function prepare(ctx: CreateTicketContext, refs: ReturnType<typeof refsOf>, input: NewTicket) {
  const { workspaceId } = ctx;
  const subject = input.subject.trim();
  const description = input.description.trim();
  if (!subject) throw invalid('subject', 'must not be empty');
  if (!description) throw invalid('description', 'must not be empty');

  const category =
    input.category !== undefined && input.category !== null ? await refs.category(input.category) : undefined;
  if (input.category !== undefined && input.category !== null && (!category || !category.is_active)) {
    throw invalid('category', 'no such active category');
  }
  let priority =
    input.priority !== undefined && input.priority !== null ? await refs.priority(input.priority) : undefined;
  if (input.priority !== undefined && input.priority !== null && (!priority || !priority.is_active)) {
    throw invalid('priority', 'no such active priority');
  }
  priority ??=
    (category && (await refs.priority(category.default_priority))) ||
    (await refs.priority(ctx.defaultPriority)) ||
    (await refs.firstActivePriority());
  if (!priority)
    throw new AppError('RULE_VIOLATION', 'the workspace has no active priority; create one first');

  const customer = input.customer;
  if (customer.workspace_id !== workspaceId) throw invalid('customer', 'no such customer');
  if (!customer.is_active) throw new AppError('RULE_VIOLATION', 'this customer account is deactivated');
  const assignee = category?.default_assignee_id ?? null;
  const teamId = input.team?.id ?? category?.team_id ?? null;
  return {
    category,
    assignee,
    teamId,
    values: {
      workspace_id: workspaceId,
      customer_id: customer.id,
      subject,
      description,
      category_id: category?.id ?? null,
      priority_id: priority.id,
      assigned_to_id: assignee,
      // Without a default assignee the team is set by routeToTeam below, which logs the move.
      team_id: assignee !== null ? teamId : null,
      channel: input.channel,
      mailbox_id: input.mailboxId ?? null,
      reply_token: newReplyToken(),
      source_email: customer.email,
      source_phone: input.source_phone?.trim() ?? '',
      order_ref: cleanRef(input.order, 'order'),
      consignment_ref: cleanRef(input.consignment, 'consignment'),
      created_at: ctx.now,
      updated_at: ctx.now,
    },
  };
}

/**
 * Creates several tickets of the workspace at once (an inbound channel's batch), each as createTicket
 * would, with one statement per step for all of them: the SLA clocks computed, one range of consecutive
 * ticket numbers (in the order given), one INSERT, one INSERT of the `ticket.created` events (each
 * with its own actor). Routing on arrival runs per ticket, and only for those it concerns. Returns the
 * tickets in the order given; the first invalid input throws before anything is written.
 */
export async function createTickets(
  ctx: Omit<CreateTicketContext, 'actor'>,
  inputs: (NewTicket & { actor: Actor })[],
): Promise<SupportTicket[]> {
  if (inputs.length === 0) return [];
  const { tx, workspaceId, now } = ctx;
  const refs = refsOf(tx, workspaceId);
  const prepared = [];
  for (const input of inputs) prepared.push(await prepare({ ...ctx, actor: input.actor }, refs, input));
  // The SLA clocks are written with the rows (read before the numbers: the workspace's number lock is
  // then held for the writes only).
  const clocks = await ctx.hooks.newClocks(
    { tx, now },
    prepared.map((p) => p.values),
  );
  const numbers = await nextTicketNumbers(tx, workspaceId, inputs.length);
  const inserted = await tx
    .insertInto('support_tickets')
    .values(prepared.map((p, i) => ({ ...p.values, ...clocks[i], ticket_number: numbers[i] as string })))
    .returningAll()
    .execute();
  const byNumber = new Map(inserted.map((t) => [t.ticket_number, t]));
  const clocked = numbers.map((n) => byNumber.get(n) as SupportTicket);
  await recordEvents(
    tx,
    clocked.map((ticket, i) => ({
      workspaceId,
      type: 'ticket.created' as const,
      subjectType: 'ticket' as const,
      subjectId: ticket.id,
      actor: inputs[i]?.actor ?? {},
      payload: {
        ticket_id: ticket.id,
        ticket_number: ticket.ticket_number,
        channel: ticket.channel,
        customer_id: ticket.customer_id,
        assigned_to: ticket.assigned_to_id,
        team_id: ticket.team_id,
      },
    })),
  );
  const routed: SupportTicket[] = [];
  for (const [i, ticket] of clocked.entries()) {
    const p = prepared[i];
    const input = inputs[i];
    if (!p || !input) continue;
    routed.push(
      await ctx.hooks.routeArrival(tx, {
        ticket,
        assignee: p.assignee,
        teamId: p.teamId,
        categorySlug: p.category?.slug ?? null,
        ...(input.team ? { reason: input.team.reason } : {}),
        now,
        actor: input.actor,
      }),
    );
  }
  return routed;
}
