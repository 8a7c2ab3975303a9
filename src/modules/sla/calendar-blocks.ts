import { AppError } from '../../platform/errors.js';
import type { BusinessCalendar, CompiledCalendar } from './business-calendar.js';
import { compileCalendar } from './business-calendar.js';
import { MS_PER_DAY, MS_PER_SECOND, civilFromDays, instantsOfWallTime, isoWeekday } from './zoned-time.js';

/**
 * The business windows of a calendar as absolute instants, computed once per block of 64 local days
 * and kept with running totals, so a clock can skip a whole block in one step (exact across DST changes
 * and holidays, unlike "business seconds per week" times a week count) and find a position inside one by
 * binary search.
 */

export const BLOCK_DAYS = 64;
/** How far to look for an open window before declaring the calendar never open (~11 years). */
const MAX_EMPTY_BLOCKS = 64;
const MAX_BLOCKS_PER_CALENDAR = 2_048;
const MAX_CACHED_CALENDARS = 256;

export interface Block {
  /** Window opening / closing instants (ms since epoch), sorted, non-overlapping, non-empty. */
  starts: Float64Array;
  ends: Float64Array;
  /** cumulative[i] = business ms in windows 0 … i-1; cumulative[count] = total. */
  cumulative: Float64Array;
  count: number;
  total: number;
}

export interface CalendarClock {
  calendar: CompiledCalendar;
  blocks: Map<number, Block>;
}

const clocksByObject = new WeakMap<BusinessCalendar, CalendarClock>();
const clocksByValue = new Map<string, CalendarClock>();

/**
 * The clock of a calendar, validated and cached. Calendars are treated as immutable values: cached by
 * object identity first, then by content, so calendars re-read from storage share one cache.
 */
export function clockFor(calendar: BusinessCalendar): CalendarClock {
  const known = clocksByObject.get(calendar);
  if (known) return known;
  const key = JSON.stringify([
    calendar.timezone,
    calendar.businessDays,
    calendar.start,
    calendar.end,
    calendar.holidays,
    calendar.usesBusinessHours,
  ]);
  let clock = clocksByValue.get(key);
  if (!clock) {
    clock = { calendar: compileCalendar(calendar), blocks: new Map() };
    if (clocksByValue.size >= MAX_CACHED_CALENDARS) clocksByValue.clear();
    clocksByValue.set(key, clock);
  }
  clocksByObject.set(calendar, clock);
  return clock;
}

function isOpenDay(calendar: CompiledCalendar, dayNumber: number): boolean {
  if (!calendar.openWeekdays[isoWeekday(dayNumber)]) return false;
  if (calendar.fixedHolidays.has(dayNumber)) return false;
  if (calendar.recurringHolidays.size === 0) return true;
  const { month, day } = civilFromDays(dayNumber);
  // Feb 29 only exists in leap years, so a recurring 02-29 holiday simply does not occur in other years.
  return !calendar.recurringHolidays.has(month * 100 + day);
}

/**
 * The window opening on a local date, before trimming against its neighbours: from the first instant the
 * wall clock reads `start` to the last instant it reads `end` (a skipped reading maps to the DST
 * transition). So a spring-forward day's window is an hour shorter and a fall-back day's an hour longer
 * when the change falls inside it.
 */
function rawWindow(calendar: CompiledCalendar, dayNumber: number): [number, number] | undefined {
  if (!isOpenDay(calendar, dayNumber)) return undefined;
  const midnight = dayNumber * MS_PER_DAY;
  const start = instantsOfWallTime(
    calendar.timezone,
    midnight + calendar.startSecond * MS_PER_SECOND,
  ).earliest;
  const end = instantsOfWallTime(calendar.timezone, midnight + calendar.endSecond * MS_PER_SECOND).latest;
  return [start, end];
}

function buildBlock(calendar: CompiledCalendar, blockIndex: number): Block {
  const firstDay = blockIndex * BLOCK_DAYS;
  const starts = new Float64Array(BLOCK_DAYS);
  const ends = new Float64Array(BLOCK_DAYS);
  const cumulative = new Float64Array(BLOCK_DAYS + 1);
  let count = 0;
  let next = rawWindow(calendar, firstDay);
  for (let offset = 0; offset < BLOCK_DAYS; offset++) {
    const current = next;
    next = rawWindow(calendar, firstDay + offset + 1);
    if (!current) continue;
    // A window never runs into the next one (only possible at a repeated midnight, e.g. 00:00–24:00).
    const end = next ? Math.min(current[1], next[0]) : current[1];
    if (end <= current[0]) continue;
    starts[count] = current[0];
    ends[count] = end;
    cumulative[count + 1] = cumulative[count]! + (end - current[0]);
    count++;
  }
  return { starts, ends, cumulative, count, total: cumulative[count]! };
}

/** The block of windows opening on local days [index * 64, index * 64 + 64). */
export function blockAt(clock: CalendarClock, index: number): Block {
  let block = clock.blocks.get(index);
  if (!block) {
    block = buildBlock(clock.calendar, index);
    if (clock.blocks.size >= MAX_BLOCKS_PER_CALENDAR) clock.blocks.clear();
    clock.blocks.set(index, block);
  }
  return block;
}

export interface Position {
  blockIndex: number;
  block: Block;
  /** Index of the first window that closes after the instant. */
  window: number;
  /** Business ms from the block's first opening up to the instant. */
  offset: number;
}

function neverOpen(): AppError {
  return new AppError('RULE_VIOLATION', 'The business calendar has no business time (every day is closed)');
}

/** Where an instant falls in the sequence of windows. */
export function locate(clock: CalendarClock, instant: number): Position {
  // A window opening on local day d closes before UTC day d + 2 ends (offsets are within ±14 h), so no
  // window of a day before floor(instant / day) - 3 can close after the instant.
  let blockIndex = Math.floor((Math.floor(instant / MS_PER_DAY) - 3) / BLOCK_DAYS);
  for (let searched = 0; searched <= MAX_EMPTY_BLOCKS; searched++, blockIndex++) {
    const block = blockAt(clock, blockIndex);
    const window = firstClosingAfter(block, instant);
    if (window < block.count) {
      const offset = block.cumulative[window]! + Math.max(0, instant - block.starts[window]!);
      return { blockIndex, block, window, offset };
    }
  }
  throw neverOpen();
}

function firstClosingAfter(block: Block, instant: number): number {
  let low = 0;
  let high = block.count;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (block.ends[mid]! > instant) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** The instant `ms` business ms after (ms > 0) or before (ms < 0) a position. */
export function shift(clock: CalendarClock, from: Position, ms: number): number {
  let { blockIndex, block } = from;
  let target = from.offset + ms;
  let empty = 0;
  if (ms > 0) {
    // Landing exactly on a window's total means its closing instant: the smallest instant reaching it.
    while (target > block.total) {
      target -= block.total;
      block = blockAt(clock, ++blockIndex);
      empty = block.count === 0 ? empty + 1 : 0;
      if (empty > MAX_EMPTY_BLOCKS) throw neverOpen();
    }
    let low = 0;
    let high = block.count - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (block.cumulative[mid + 1]! >= target) high = mid;
      else low = mid + 1;
    }
    return block.starts[low]! + (target - block.cumulative[low]!);
  }
  // Going back, landing exactly on a running total means an opening instant (the mirror rule).
  while (target < 0) {
    block = blockAt(clock, --blockIndex);
    target += block.total;
    empty = block.count === 0 ? empty + 1 : 0;
    if (empty > MAX_EMPTY_BLOCKS) throw neverOpen();
  }
  let low = 0;
  let high = block.count - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (block.cumulative[mid]! <= target) low = mid;
    else high = mid - 1;
  }
  return block.starts[low]! + (target - block.cumulative[low]!);
}
