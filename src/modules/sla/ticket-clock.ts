/**
 * A ticket's SLA clock read from the database: which SLA applies, the effective targets, its status
 * intervals and computeDues' answer. Shared by ticket creation, status changes, edits, the recompute job
 * and the explanation, so they cannot disagree.
 */
import type { SupportTicket } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { resolveTicketSla, ticketClockFacts, type ClockFacts, type SlaResolution } from './resolve-sla.js';
import { statusTimeline, type StatusInterval } from './status-timeline.js';
import { termsFor, type PriorityTerms, type Terms } from './targets.js';
import { computeDues, type TicketDues } from './ticket-dues.js';

/** The ticket columns the clock reads. */
export type ClockTicket = Pick<
  SupportTicket,
  | 'id'
  | 'workspace_id'
  | 'status'
  | 'priority_id'
  | 'category_id'
  | 'sla_id'
  | 'sla_pinned'
  | 'created_at'
  | 'updated_at'
  | 'first_response_at'
  | 'resolved_at'
  | 'closed_at'
  | 'sla_paused_at'
>;

export interface TicketClock {
  resolution: SlaResolution;
  priority: PriorityTerms;
  terms: Terms;
  /** The time zone times are shown in: the SLA's, else the workspace's. */
  timezone: string;
  intervals: StatusInterval[];
  dues: TicketDues;
}

/**
 * Computes the ticket's clock as of `now`. Pass `facts` to share lookups across many tickets; without
 * them, what the clock reads is read in one statement.
 */
export async function loadTicketClock(
  tx: Tx,
  ticket: ClockTicket,
  now: Date,
  given?: ClockFacts,
): Promise<TicketClock> {
  const facts = given ?? (await ticketClockFacts(tx, ticket));
  const resolution = await resolveTicketSla(facts, ticket);
  const priority = await facts.priority(ticket.priority_id);
  const workspaceTimezone = await facts.timezone();
  const terms = termsFor(resolution.sla, priority, workspaceTimezone);
  const intervals = statusTimeline(ticket, await facts.statusChanges(ticket.id));
  const dues = computeDues({
    calendar: terms.calendar,
    responseSeconds: terms.response.seconds,
    resolutionSeconds: terms.resolution.seconds,
    warningPercent: terms.warningPercent,
    createdAt: ticket.created_at,
    intervals,
    firstResponseAt: ticket.first_response_at,
    now,
  });
  return {
    resolution,
    priority,
    terms,
    timezone: resolution.sla?.timezone ?? workspaceTimezone,
    intervals,
    dues,
  };
}
