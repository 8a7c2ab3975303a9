/**
 * Writes a ticket's clock: the SLA in force, the due and warning times and the pause stamp, recomputed
 * from the ticket's history by computeDues. Called on creation, on every status change, when staff
 * change priority/category/SLA, and by the recompute job after an SLA edit.
 *
 * Breach flags are never cleared here. A flag records that the ticket was past its due under the terms
 * in force at that moment: the breach sweep has escalated and notified on it, and reports count it. A
 * later change of the terms (an SLA relaxed, a priority lowered) does not undo what happened; the
 * explanation shows the flag next to the state under the current terms. Warning flags are different: a
 * warning is about an upcoming due, so when the warning time moves into the future the flag is reset and
 * the sweep warns again at the new time.
 */
import type { Updateable } from 'kysely';
import type { SupportTicket, SupportTicketsTable } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { Actor } from '../../platform/events.js';
import { type FieldChange, recordHistory } from '../tickets/index.js';
import { clockFacts, ticketClockFacts, type ClockFacts } from './resolve-sla.js';
import { loadTicketClock, type ClockTicket, type TicketClock } from './ticket-clock.js';

export interface RefreshContext {
  tx: Tx;
  now: Date;
  actor: Actor;
  /** Write ticket_history rows for a changed SLA or due (not on creation). */
  record: boolean;
  facts?: ClockFacts;
}

export interface RefreshResult {
  ticket: SupportTicket;
  clock: TicketClock;
  /** The SLA and due changes (recorded in ticket_history when `record`). */
  changes: FieldChange[];
  /** Whether any clock column changed. */
  changed: boolean;
}

const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

function warned(flag: boolean, before: Date | null, after: Date, now: Date): boolean {
  return flag && !(after > now && !same(before, after));
}

/**
 * Recomputes and stores the ticket's dues; returns the updated row. `before` (default: the ticket) is
 * what changes are measured and recorded against, when the caller already wrote part of the change.
 */
export async function refreshTicketDues(
  ctx: RefreshContext,
  current: SupportTicket,
  before: SupportTicket = current,
): Promise<RefreshResult> {
  const { tx, now } = ctx;
  const ticket = before;
  const clock = await loadTicketClock(tx, current, now, ctx.facts);
  const { next, changed } = nextClock(ticket, clock, now);
  if (!changed) return { ticket: current, clock, changes: [], changed: false };

  const updated = await tx
    .updateTable('support_tickets')
    .set(next)
    .where('workspace_id', '=', ticket.workspace_id)
    .where('id', '=', ticket.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const candidates: FieldChange[] = [
    { field: 'sla', old: ticket.sla_id, new: next.sla_id },
    { field: 'response_due_at', old: ticket.response_due_at, new: next.response_due_at },
    { field: 'resolution_due_at', old: ticket.resolution_due_at, new: next.resolution_due_at },
  ];
  const changes = ctx.record
    ? await recordHistory(tx, ticket, candidates, ctx.actor, now)
    : candidates.filter((c) => !sameValue(c));
  return { ticket: updated, clock, changes, changed: true };
}

/** The clock columns the ticket gets from `clock`, and whether any differs from `ticket`'s. */
function nextClock(
  ticket: Pick<
    SupportTicket,
    | 'sla_id'
    | 'sla_pinned'
    | 'response_due_at'
    | 'response_warning_at'
    | 'resolution_due_at'
    | 'resolution_warning_at'
    | 'sla_paused_at'
    | 'response_warned'
    | 'resolution_warned'
  >,
  clock: TicketClock,
  now: Date,
) {
  const { response, resolution } = clock.dues;
  const slaId = clock.resolution.sla?.id ?? null;
  const next = {
    sla_id: slaId,
    sla_pinned: clock.resolution.source === 'ticket',
    response_due_at: response.dueAt,
    response_warning_at: response.warningAt,
    resolution_due_at: resolution.dueAt,
    resolution_warning_at: resolution.warningAt,
    sla_paused_at: resolution.pausedSince,
    response_warned: warned(ticket.response_warned, ticket.response_warning_at, response.warningAt, now),
    resolution_warned: warned(
      ticket.resolution_warned,
      ticket.resolution_warning_at,
      resolution.warningAt,
      now,
    ),
  } satisfies Updateable<SupportTicketsTable>;
  const changed =
    ticket.sla_id !== next.sla_id ||
    ticket.sla_pinned !== next.sla_pinned ||
    !same(ticket.response_due_at, next.response_due_at) ||
    !same(ticket.response_warning_at, next.response_warning_at) ||
    !same(ticket.resolution_due_at, next.resolution_due_at) ||
    !same(ticket.resolution_warning_at, next.resolution_warning_at) ||
    !same(ticket.sla_paused_at, next.sla_paused_at) ||
    ticket.response_warned !== next.response_warned ||
    ticket.resolution_warned !== next.resolution_warned;
  return { next, changed };
}

/** The columns of a ticket about to be created that its clock reads (it has no id yet). */
export type NewTicketDraft = Pick<
  SupportTicket,
  'workspace_id' | 'priority_id' | 'category_id' | 'created_at'
>;

/** The clock columns a ticket is written with. */
export type ClockColumns = ReturnType<typeof nextClock>['next'];

/**
 * The SLA clocks of tickets about to be created (createTickets), so that each is written by its INSERT:
 * set afterwards, every new ticket's row would be written twice — each of its many index entries, the
 * search index's included, again. A new ticket is new, has no SLA pinned, no status change and no
 * response yet. One ticket's facts are read in one statement; several tickets share their workspace's.
 */
export async function newTicketsClocks(
  ctx: { tx: Tx; now: Date },
  drafts: NewTicketDraft[],
): Promise<ClockColumns[]> {
  const first = drafts[0];
  if (!first) return [];
  const { tx, now } = ctx;
  const fresh = (draft: NewTicketDraft) =>
    ({
      ...draft,
      id: 0,
      status: 'new',
      sla_id: null,
      sla_pinned: false,
      updated_at: draft.created_at,
      first_response_at: null,
      resolved_at: null,
      closed_at: null,
      sla_paused_at: null,
      response_due_at: null,
      response_warning_at: null,
      resolution_due_at: null,
      resolution_warning_at: null,
      response_warned: false,
      resolution_warned: false,
    }) satisfies ClockTicket & Parameters<typeof nextClock>[0];
  const noChanges = { statusChanges: () => Promise.resolve([]) };
  const facts: ClockFacts =
    drafts.length === 1
      ? { ...(await ticketClockFacts(tx, fresh(first))), ...noChanges }
      : { ...clockFacts(tx, first.workspace_id), ...noChanges };
  const clocks: ClockColumns[] = [];
  for (const draft of drafts) {
    if (draft.workspace_id !== first.workspace_id) throw new Error('tickets of one workspace only');
    const ticket = fresh(draft);
    clocks.push(nextClock(ticket, await loadTicketClock(tx, ticket, now, facts), now).next);
  }
  return clocks;
}

function sameValue(change: FieldChange): boolean {
  const { old: a, new: b } = change;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}
