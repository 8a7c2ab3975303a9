/**
 * GET /tickets/{id}/sla/: the SLA clock of one ticket with its working — which SLA applies and why, the
 * targets and where they come from, the business windows that were counted, the pauses that moved the
 * resolution due, the due times and where each target stands, and a sentence per target — computed by
 * the same loadTicketClock the ticket's stored due dates come from, shown next to those stored values.
 */
import type { SupportTicket } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { businessTimeBetween } from './calendar.js';
import { slaSentence, targetSentence, statusWord } from './explain-text.js';
import { presentTime } from './presenter.js';
import { loadTicketClock } from './ticket-clock.js';
import { countedSeconds, countedWindows, type StatusInterval } from './ticket-dues.js';

const MAX_WINDOWS = 200;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function windowsView(list: ReturnType<typeof countedWindows>) {
  return {
    windows: list.windows.map((w) => ({
      start: w.start.toISOString(),
      end: w.end.toISOString(),
      seconds: w.seconds,
    })),
    windows_truncated: list.truncated,
  };
}

/** The explanation of a ticket's SLA clock as of `now`. */
export async function explainTicketSla(tx: Tx, ticket: SupportTicket, now: Date) {
  const clock = await loadTicketClock(tx, ticket, now);
  const { resolution: choice, terms, dues, timezone, priority, intervals } = clock;
  const { calendar } = terms;
  const { response, resolution } = dues;
  const slaName = choice.sla?.name ?? null;
  const businessHours = calendar.usesBusinessHours;
  const responseIntervals: StatusInterval[] = [{ status: 'new', start: ticket.created_at, end: null }];

  const responseCounted = businessTimeBetween(calendar, ticket.created_at, response.readingAt);
  const responseWindows = countedWindows(calendar, responseIntervals, response.dueAt, MAX_WINDOWS);
  const resolutionCounted = countedSeconds(calendar, intervals, resolution.readingAt);
  const resolutionWindows = countedWindows(calendar, intervals, resolution.dueAt, MAX_WINDOWS);
  const countingFrom = (w: typeof responseWindows) => w.windows[0]?.start ?? ticket.created_at;

  const responseSentence = targetSentence({
    label: 'First response',
    timezone,
    businessHours,
    target: terms.response,
    slaName,
    createdAt: ticket.created_at,
    countingFrom: countingFrom(responseWindows),
    dueAt: response.dueAt,
    state: response.state,
    pauses: [],
    reading: response.answeredAt
      ? {
          at: response.answeredAt,
          word: response.answeredBy === 'reply' ? 'answered' : 'resolved before any reply',
        }
      : null,
    remainingSeconds: terms.response.seconds - responseCounted,
  });
  const resolutionSentence = targetSentence({
    label: 'Resolution',
    timezone,
    businessHours,
    target: terms.resolution,
    slaName,
    createdAt: ticket.created_at,
    countingFrom: countingFrom(resolutionWindows),
    dueAt: resolution.dueAt,
    state: resolution.state,
    pauses: resolution.pauses,
    reading:
      resolution.stoppedIn !== null
        ? { at: resolution.readingAt, word: statusWord(resolution.stoppedIn) }
        : null,
    remainingSeconds: terms.resolution.seconds - resolutionCounted,
  });

  const stored = {
    sla: ticket.sla_id,
    response_due_at: iso(ticket.response_due_at),
    response_warning_at: iso(ticket.response_warning_at),
    resolution_due_at: iso(ticket.resolution_due_at),
    resolution_warning_at: iso(ticket.resolution_warning_at),
    sla_paused_at: iso(ticket.sla_paused_at),
  };
  const computed = {
    sla: choice.sla?.id ?? null,
    response_due_at: iso(response.dueAt),
    response_warning_at: iso(response.warningAt),
    resolution_due_at: iso(resolution.dueAt),
    resolution_warning_at: iso(resolution.warningAt),
    sla_paused_at: iso(resolution.pausedSince),
  };

  return {
    ticket: {
      id: ticket.id,
      ticket_number: ticket.ticket_number,
      status: ticket.status,
      created_at: ticket.created_at.toISOString(),
      priority: { id: priority.id, code: priority.code, name: priority.name },
    },
    now: now.toISOString(),
    sla: {
      applied: choice.sla ? { id: choice.sla.id, name: choice.sla.name } : null,
      source: choice.source,
      pinned: choice.source === 'ticket',
      category: choice.category,
      skipped: choice.skipped,
      reason: slaSentence(choice, timezone),
    },
    calendar: {
      timezone,
      uses_business_hours: businessHours,
      business_hours_start: businessHours ? presentTime(choice.sla?.business_hours_start ?? '') : null,
      business_hours_end: businessHours ? presentTime(choice.sla?.business_hours_end ?? '') : null,
      business_days: businessHours ? calendar.businessDays : [1, 2, 3, 4, 5, 6, 7],
      holidays: businessHours ? calendar.holidays.length : 0,
    },
    warning_percent: terms.warningPercent,
    targets: { first_response: terms.response, resolution: terms.resolution },
    response: {
      due_at: response.dueAt.toISOString(),
      warning_at: response.warningAt.toISOString(),
      state: response.state,
      answered_at: iso(response.answeredAt),
      answered_by: response.answeredBy,
      counted_seconds: responseCounted,
      remaining_seconds: terms.response.seconds - responseCounted,
      breached_flag: ticket.response_breached,
      ...windowsView(responseWindows),
      explanation: responseSentence,
    },
    resolution: {
      due_at: resolution.dueAt.toISOString(),
      warning_at: resolution.warningAt.toISOString(),
      state: resolution.state,
      stopped_at: iso(resolution.stoppedAt),
      paused_since: iso(resolution.pausedSince),
      paused_seconds: resolution.pausedSeconds,
      pauses: resolution.pauses.map((p) => ({
        status: p.status,
        start: p.start.toISOString(),
        end: iso(p.end),
        business_seconds: p.businessSeconds,
        moved_due: p.end !== null,
      })),
      counted_seconds: resolutionCounted,
      remaining_seconds: terms.resolution.seconds - resolutionCounted,
      breached_flag: ticket.resolution_breached,
      ...windowsView(resolutionWindows),
      explanation: resolutionSentence,
    },
    stored: { ...stored, in_sync: JSON.stringify(stored) === JSON.stringify(computed) },
    explanation: `${responseSentence} ${resolutionSentence}`,
  };
}

export type TicketSlaExplanation = Awaited<ReturnType<typeof explainTicketSla>>;
