/**
 * What reports (modules/analytics) need of the SLA clock, without recomputing dues: a ticket's business
 * calendar, its status intervals, and business seconds on that calendar — the very functions the SLA
 * clock uses, so a report's "business time" means exactly what the SLA's does.
 */
import type { SupportTicket } from '../../db/schema.js';
import type { BusinessCalendar } from './calendar.js';
import type { ClockFacts } from './resolve-sla.js';
import { resolveTicketSla } from './resolve-sla.js';
import { termsFor, type SlaTerms } from './targets.js';

export { businessTimeBetween } from './calendar.js';
export type { BusinessCalendar } from './calendar.js';
export { clockFacts, type ClockFacts } from './resolve-sla.js';
export { statusChangesOfMany } from './simulation-repository.js';
export { statusTimeline, type StatusChange, type StatusInterval } from './status-timeline.js';
export { countedSeconds, phaseOf } from './ticket-dues.js';

/** One calendar object per SLA (and per zone for 24×7), so the calendar's own caches are hit in bulk runs. */
const calendars = new WeakMap<SlaTerms, BusinessCalendar>();

/** The business calendar a ticket's SLA clock runs on (its SLA's, else 24×7 in the workspace's zone). */
export async function ticketCalendar(
  facts: ClockFacts,
  ticket: Pick<SupportTicket, 'sla_id' | 'sla_pinned' | 'category_id' | 'priority_id'>,
): Promise<BusinessCalendar> {
  const { sla } = await resolveTicketSla(facts, ticket);
  const cached = sla ? calendars.get(sla) : undefined;
  if (cached) return cached;
  const terms = termsFor(sla, await facts.priority(ticket.priority_id), await facts.timezone());
  if (sla) calendars.set(sla, terms.calendar);
  return terms.calendar;
}
