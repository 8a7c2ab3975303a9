/**
 * THE SLA clock of a ticket: one pure function from (calendar, targets, creation, status intervals,
 * first response, now) to the due and warning times and the state of both targets. Ticket creation,
 * status changes, recomputes, the explanation and the what-if simulation all call computeDues.
 *
 * Rules:
 * - First response: the target counts business time from creation and is never paused. It is met by the
 *   first public staff reply, or by the ticket being resolved/closed/cancelled before any reply (there
 *   is nothing left to answer), whichever came first.
 * - Resolution: only time in `new` and `open` counts. Time in `pending`/`on_hold` (paused) and in
 *   `resolved`/`closed`/`cancelled` before a reopen (stopped) does not: the due moves later by the
 *   business time spent there. A pause that begins after the due had already passed moves nothing (the
 *   target was missed before it).
 * - While the ticket is paused or stopped, its due is what it was when the clock stopped; it moves when
 *   the clock runs again. So the due never depends on `now`.
 * - Met or breached: a target is met when the clock stopped (answered / resolved) at or before the due.
 *   A due landing exactly on the reading is met.
 * - Warnings fire at `warningPercent` of each target, counted the same way.
 */
import type { TicketStatus } from '../../db/schema.js';
import { addBusinessTime, businessTimeBetween, explainWindows, type BusinessCalendar } from './calendar.js';
import type { BusinessWindow } from './calendar.js';
import type { StatusInterval } from './status-timeline.js';

export type { StatusInterval } from './status-timeline.js';

/** How a status affects the resolution clock. */
export type ClockPhase = 'counting' | 'paused' | 'stopped';

export function phaseOf(status: TicketStatus): ClockPhase {
  switch (status) {
    case 'new':
    case 'open':
      return 'counting';
    case 'pending':
    case 'on_hold':
      return 'paused';
    case 'resolved':
    case 'closed':
    case 'cancelled':
      return 'stopped';
  }
}

export interface DuesInput {
  calendar: BusinessCalendar;
  /** Effective targets in seconds of business time (> 0). */
  responseSeconds: number;
  resolutionSeconds: number;
  /** 1–99: when the warning fires, as a share of each target. */
  warningPercent: number;
  createdAt: Date;
  /** From statusTimeline(): ordered, contiguous from createdAt, the last one open-ended. */
  intervals: readonly StatusInterval[];
  firstResponseAt: Date | null;
  now: Date;
}

/** Where a target stands. */
export type TargetState = 'running' | 'paused' | 'met' | 'breached';

/** A stretch that did not count toward resolution and so moved its due. */
export interface PauseSpan {
  status: TicketStatus;
  start: Date;
  /** null = still paused/stopped now (it has not moved the due yet). */
  end: Date | null;
  /** Business seconds inside it (what it moved the due by, once it ended). */
  businessSeconds: number;
}

export interface TargetClock {
  dueAt: Date;
  warningAt: Date;
  state: TargetState;
  /**
   * The instant the state is judged at: when the target was met (answered / resolved), when the clock
   * was paused, or `now` while it runs.
   */
  readingAt: Date;
}

export interface ResponseClock extends TargetClock {
  /** First public staff reply, or the first resolution/closing if that came earlier; null = unanswered. */
  answeredAt: Date | null;
  answeredBy: 'reply' | 'resolution' | null;
}

export interface ResolutionClock extends TargetClock {
  /** Pauses and stops that ended before the due was reached: together they moved it by pausedSeconds. */
  pauses: PauseSpan[];
  pausedSeconds: number;
  /** Start of the current pause (pending/on_hold), else null: sla_paused_at. */
  pausedSince: Date | null;
  /** When the ticket was resolved/closed/cancelled, if it is now; null while open or paused. */
  stoppedAt: Date | null;
  /** The status the clock stopped or paused in (for wording), null while running. */
  stoppedIn: TicketStatus | null;
}

export interface TicketDues {
  response: ResponseClock;
  resolution: ResolutionClock;
}

interface Reached {
  at: Date;
  pauses: PauseSpan[];
}

/**
 * The instant at which `seconds` of business time have been counted in the intervals' counting phases.
 * An open-ended non-counting interval freezes the clock: the answer is what it would be if the clock
 * started again at that interval's start.
 */
function reach(calendar: BusinessCalendar, intervals: readonly StatusInterval[], seconds: number): Reached {
  let remaining = seconds;
  const pauses: PauseSpan[] = [];
  for (const interval of intervals) {
    const counting = phaseOf(interval.status) === 'counting';
    if (interval.end === null) return { at: addBusinessTime(calendar, interval.start, remaining), pauses };
    const inside = businessTimeBetween(calendar, interval.start, interval.end);
    if (!counting) {
      pauses.push({ ...interval, businessSeconds: inside });
      continue;
    }
    if (inside >= remaining) return { at: addBusinessTime(calendar, interval.start, remaining), pauses };
    remaining -= inside;
  }
  // Only reached when the last interval has an end (callers pass an open-ended one).
  const last = intervals[intervals.length - 1];
  return { at: addBusinessTime(calendar, last?.end ?? last?.start ?? new Date(0), remaining), pauses };
}

/** The maximal run of non-counting intervals at the end of the timeline (empty while counting). */
function trailingRun(intervals: readonly StatusInterval[]): StatusInterval[] {
  let index = intervals.length;
  while (index > 0 && phaseOf(intervals[index - 1]!.status) !== 'counting') index--;
  return intervals.slice(index);
}

/** A target's state from its due and the clock's reading (`finished`: met or answered at the reading). */
export function judge(dueAt: Date, readingAt: Date, finished: boolean, paused: boolean): TargetState {
  if (readingAt > dueAt) return 'breached';
  if (finished) return 'met';
  return paused ? 'paused' : 'running';
}

function responseClock(input: DuesInput): ResponseClock {
  const { calendar, createdAt, responseSeconds, warningPercent, intervals, firstResponseAt, now } = input;
  const dueAt = addBusinessTime(calendar, createdAt, responseSeconds);
  const warningAt = addBusinessTime(calendar, createdAt, (responseSeconds * warningPercent) / 100);
  const firstStop = intervals.find((i) => phaseOf(i.status) === 'stopped')?.start ?? null;
  let answeredAt: Date | null = firstResponseAt;
  let answeredBy: ResponseClock['answeredBy'] = firstResponseAt ? 'reply' : null;
  if (firstStop && (!answeredAt || firstStop < answeredAt)) {
    answeredAt = firstStop;
    answeredBy = 'resolution';
  }
  const readingAt = answeredAt ?? now;
  return {
    dueAt,
    warningAt,
    readingAt,
    state: judge(dueAt, readingAt, answeredAt !== null, false),
    answeredAt,
    answeredBy,
  };
}

function resolutionClock(input: DuesInput): ResolutionClock {
  const { calendar, intervals, resolutionSeconds, warningPercent, now } = input;
  const due = reach(calendar, intervals, resolutionSeconds);
  const warning = reach(calendar, intervals, (resolutionSeconds * warningPercent) / 100);
  const run = trailingRun(intervals);
  const firstStopped = run.find((i) => phaseOf(i.status) === 'stopped');
  const current = intervals[intervals.length - 1];
  const paused = run.length > 0 && !firstStopped;
  const stoppedAt = firstStopped?.start ?? null;
  const readingAt = run[0]?.start ?? now;
  // Pauses that ended before the due was reached moved it; an ongoing one is listed for the record.
  const pauses = [...due.pauses];
  if (paused && current && current.end === null && readingAt <= due.at) {
    pauses.push({ ...current, businessSeconds: businessTimeBetween(calendar, current.start, now) });
  }
  return {
    dueAt: due.at,
    warningAt: warning.at,
    readingAt,
    state: judge(due.at, readingAt, stoppedAt !== null, paused),
    pauses,
    pausedSeconds: due.pauses.reduce((sum, p) => sum + p.businessSeconds, 0),
    pausedSince: paused ? readingAt : null,
    stoppedAt,
    stoppedIn: run.length > 0 ? (firstStopped?.status ?? run[0]!.status) : null,
  };
}

/** The due and warning times and the state of both targets. Pure and deterministic. */
export function computeDues(input: DuesInput): TicketDues {
  return { response: responseClock(input), resolution: resolutionClock(input) };
}

/**
 * Business seconds that counted toward resolution between creation and `until` (the clock's reading):
 * minus the target, how far over it a ticket went; the target minus it, how much is left.
 */
export function countedSeconds(
  calendar: BusinessCalendar,
  intervals: readonly StatusInterval[],
  until: Date,
): number {
  let total = 0;
  for (const interval of intervals) {
    if (interval.start >= until) break;
    if (phaseOf(interval.status) !== 'counting') continue;
    const end = interval.end === null || interval.end > until ? until : interval.end;
    total += businessTimeBetween(calendar, interval.start, end);
  }
  return total;
}

/**
 * The business windows that make up a target: the counting stretches from creation up to `dueAt`, cut
 * into business windows (a status change inside a window does not split it). Their seconds sum to the
 * target. At most `limit` windows are returned.
 */
export function countedWindows(
  calendar: BusinessCalendar,
  intervals: readonly StatusInterval[],
  dueAt: Date,
  limit: number,
): { windows: BusinessWindow[]; truncated: boolean } {
  const windows: BusinessWindow[] = [];
  for (const interval of intervals) {
    if (interval.start >= dueAt) break;
    if (phaseOf(interval.status) !== 'counting') continue;
    const end = interval.end === null || interval.end > dueAt ? dueAt : interval.end;
    for (const window of explainWindows(calendar, interval.start, end)) {
      // A status change inside a window (new → open) does not split it.
      const previous = windows[windows.length - 1];
      if (previous && previous.end.getTime() === window.start.getTime()) {
        windows[windows.length - 1] = {
          start: previous.start,
          end: window.end,
          seconds: previous.seconds + window.seconds,
        };
        continue;
      }
      if (windows.length >= limit) return { windows, truncated: true };
      windows.push(window);
    }
  }
  return { windows, truncated: false };
}
