/**
 * The SLA clock: business time in a calendar's time zone.
 *
 * Rules at the edges:
 * - Business time is every instant inside a window. A business day's window runs from the first instant
 *   the local wall clock reads `start` to the last instant it reads `end`; a skipped reading (spring
 *   forward) maps to the DST transition. So a window containing a spring-forward change is an hour
 *   shorter and one containing a fall-back change an hour longer: wall-clock hours, real elapsed seconds.
 * - Overnight windows (`end` before `start`, e.g. 22:00–06:00) belong to the day they open on: that day
 *   must be a business day and not a holiday; the next morning's part follows from it.
 * - Holidays are local dates in the calendar's zone; a recurring one recurs on the same month/day each
 *   year, and a recurring 02-29 holiday occurs only in leap years.
 * - `usesBusinessHours: false` is 24x7: plain elapsed time; days, hours and holidays are ignored.
 * - Durations are rounded to whole milliseconds.
 *
 * Calendars are treated as immutable values (cached by identity and by content): pass a new object
 * rather than mutating one that has been used.
 */
import { type BusinessCalendar, compileCalendar } from './business-calendar.js';
import { BLOCK_DAYS, blockAt, clockFor, locate, shift } from './calendar-blocks.js';
import { MS_PER_DAY, MS_PER_SECOND } from './zoned-time.js';

export type { BusinessCalendar } from './business-calendar.js';

/** One counted stretch of business time. */
export interface BusinessWindow {
  start: Date;
  end: Date;
  seconds: number;
}

function instantOf(date: Date, name: string): number {
  const instant = date.getTime();
  if (Number.isNaN(instant)) throw new RangeError(`${name} is an invalid Date`);
  return instant;
}

/**
 * Checks a calendar: IANA zone, ISO weekdays, 'HH:MM[:SS]' times ('24:00' allowed as end; end before
 * start = overnight window; end equal to start rejected), real holiday dates.
 *
 * @throws AppError VALIDATION_FAILED with one field error per problem.
 */
export function validateCalendar(calendar: BusinessCalendar): void {
  compileCalendar(calendar);
}

/**
 * The instant `seconds` of business time after `start`.
 *
 * - A start outside business hours starts counting at the next opening; inside, from the start itself.
 * - A due time that lands exactly on a closing time is that closing time (not the next opening).
 * - `seconds === 0` returns `start` unchanged, even outside business hours.
 * - Negative `seconds` count backwards, the mirror image: landing exactly on an opening time returns it.
 *
 * @throws AppError VALIDATION_FAILED for an invalid calendar; RULE_VIOLATION if it is never open.
 */
export function addBusinessTime(calendar: BusinessCalendar, start: Date, seconds: number): Date {
  const from = instantOf(start, 'start');
  if (!Number.isFinite(seconds)) throw new RangeError('seconds must be a finite number');
  const ms = Math.round(seconds * MS_PER_SECOND);
  const clock = clockFor(calendar);
  if (ms === 0) return new Date(from);
  if (clock.calendar.open24x7) return new Date(from + ms);
  return new Date(shift(clock, locate(clock, from), ms));
}

/**
 * Business seconds between two instants. Antisymmetric: `businessTimeBetween(c, b, a)` is
 * `-businessTimeBetween(c, a, b)`, and it is 0 when a equals b. For a ≤ b it is the business time in
 * [a, b), never negative, and `businessTimeBetween(c, t, addBusinessTime(c, t, s)) === s` for s ≥ 0.
 *
 * @throws AppError VALIDATION_FAILED for an invalid calendar; RULE_VIOLATION if it is never open.
 */
export function businessTimeBetween(calendar: BusinessCalendar, a: Date, b: Date): number {
  const from = instantOf(a, 'a');
  const to = instantOf(b, 'b');
  const clock = clockFor(calendar);
  if (from === to) return 0;
  if (clock.calendar.open24x7) return (to - from) / MS_PER_SECOND;
  if (from < to) return msBetween(clock, from, to) / MS_PER_SECOND;
  const ms = msBetween(clock, to, from);
  return ms === 0 ? 0 : -ms / MS_PER_SECOND;
}

function msBetween(clock: ReturnType<typeof clockFor>, early: number, late: number): number {
  const first = locate(clock, early);
  const last = locate(clock, late);
  if (first.blockIndex === last.blockIndex) return last.offset - first.offset;
  let ms = first.block.total - first.offset + last.offset;
  for (let index = first.blockIndex + 1; index < last.blockIndex; index++) ms += blockAt(clock, index).total;
  return ms;
}

/**
 * The business windows counted between `a` and `b`, clipped to [a, b], in order; empty when b ≤ a.
 * Their seconds sum to `businessTimeBetween(calendar, a, b)`. For a 24x7 calendar: the one window [a, b].
 *
 * @throws AppError VALIDATION_FAILED for an invalid calendar; RULE_VIOLATION if it is never open.
 */
export function explainWindows(calendar: BusinessCalendar, a: Date, b: Date): BusinessWindow[] {
  const from = instantOf(a, 'a');
  const to = instantOf(b, 'b');
  const clock = clockFor(calendar);
  if (to <= from) return [];
  if (clock.calendar.open24x7) return [toWindow(from, to)];
  const windows: BusinessWindow[] = [];
  let { blockIndex, block, window } = locate(clock, from);
  for (;;) {
    if (window >= block.count) {
      blockIndex++;
      // Every window of this block opens after local midnight of its first day, i.e. after this bound.
      if ((blockIndex * BLOCK_DAYS - 1) * MS_PER_DAY >= to) return windows;
      block = blockAt(clock, blockIndex);
      window = 0;
      continue;
    }
    const start = block.starts[window]!;
    if (start >= to) return windows;
    windows.push(toWindow(Math.max(start, from), Math.min(block.ends[window]!, to)));
    window++;
  }
}

function toWindow(start: number, end: number): BusinessWindow {
  return { start: new Date(start), end: new Date(end), seconds: (end - start) / MS_PER_SECOND };
}
