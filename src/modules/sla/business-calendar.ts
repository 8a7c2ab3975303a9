import { AppError, type FieldError } from '../../platform/errors.js';
import { civilFromDays, daysFromCivil, isKnownTimeZone } from './zoned-time.js';

/** When an SLA clock runs: business hours in a time zone, or around the clock. */
export interface BusinessCalendar {
  /** IANA time zone name, e.g. 'Europe/Berlin'; wall-clock hours and holiday dates are read in it. */
  timezone: string;
  /** ISO weekdays on which a window opens: 1 = Monday … 7 = Sunday. */
  businessDays: number[];
  /** Opening wall-clock time, 'HH:MM' or 'HH:MM:SS'. */
  start: string;
  /** Closing wall-clock time; '24:00' is the end of the day; earlier than `start` = overnight window. */
  end: string;
  /** Closed dates (YYYY-MM-DD, in `timezone`); `recurring` = the same month/day every year. */
  holidays: { date: string; recurring: boolean }[];
  /** false = 24x7: plain elapsed time, business days, hours and holidays are ignored. */
  usesBusinessHours: boolean;
}

/** A validated calendar in the form the clock computes with. */
export interface CompiledCalendar {
  timezone: string;
  open24x7: boolean;
  /** Indexed by ISO weekday (index 0 unused). */
  openWeekdays: boolean[];
  /** Opening time, seconds after local midnight. */
  startSecond: number;
  /** Closing time, seconds after local midnight of the opening day (or of the next day when overnight). */
  endSecond: number;
  overnight: boolean;
  /** Day numbers of one-off holidays. */
  fixedHolidays: Set<number>;
  /** month * 100 + day of recurring holidays. */
  recurringHolidays: Set<number>;
}

const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseTime(value: unknown, allowEndOfDay: boolean): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TIME.exec(value);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = Number(match[3] ?? '0');
  if (allowEndOfDay && hours === 24 && minutes === 0 && seconds === 0) return 86_400;
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return (hours * 60 + minutes) * 60 + seconds;
}

function parseDate(value: unknown): { year: number; month: number; day: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DATE.exec(value);
  if (!match) return undefined;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const back = civilFromDays(daysFromCivil(year, month, day));
  return back.year === year && back.month === month && back.day === day;
}

/**
 * Checks a calendar and returns it in computable form.
 *
 * Overnight windows (end earlier than start, e.g. 22:00–06:00) are supported: the window belongs to the
 * day it opens on. `start === end` is rejected (ambiguous between empty and 24 hours: use '00:00'–'24:00'
 * or `usesBusinessHours: false`).
 *
 * @throws AppError VALIDATION_FAILED listing every problem found.
 */
export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  const errors: FieldError[] = [];
  if (typeof calendar.timezone !== 'string' || !isKnownTimeZone(calendar.timezone)) {
    errors.push({ path: 'timezone', message: 'must be an IANA time zone name, e.g. Europe/Berlin' });
  }
  const openWeekdays = new Array<boolean>(8).fill(false);
  if (!Array.isArray(calendar.businessDays)) {
    errors.push({ path: 'businessDays', message: 'must be a list of ISO weekdays 1–7' });
  } else {
    calendar.businessDays.forEach((weekday, index) => {
      if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
        errors.push({ path: `businessDays/${index}`, message: 'must be an ISO weekday 1 (Mon) – 7 (Sun)' });
      } else {
        openWeekdays[weekday] = true;
      }
    });
    if (calendar.usesBusinessHours && !openWeekdays.includes(true)) {
      errors.push({ path: 'businessDays', message: 'needs at least one day when business hours are used' });
    }
  }
  const startSecond = parseTime(calendar.start, false);
  const endSecond = parseTime(calendar.end, true);
  if (startSecond === undefined) errors.push({ path: 'start', message: "must be 'HH:MM' or 'HH:MM:SS'" });
  if (endSecond === undefined) {
    errors.push({ path: 'end', message: "must be 'HH:MM', 'HH:MM:SS' or '24:00'" });
  } else if (startSecond === endSecond) {
    errors.push({
      path: 'end',
      message: "must differ from start (for whole days use '00:00'–'24:00', or usesBusinessHours: false)",
    });
  }
  const fixedHolidays = new Set<number>();
  const recurringHolidays = new Set<number>();
  if (!Array.isArray(calendar.holidays)) {
    errors.push({ path: 'holidays', message: 'must be a list' });
  } else {
    calendar.holidays.forEach((holiday, index) => {
      const date = parseDate(holiday.date);
      // A recurring holiday only needs a real month/day; 2000 is a leap year, so 02-29 passes.
      const valid = date && isRealDate(holiday.recurring ? 2000 : date.year, date.month, date.day);
      if (!date || !valid) {
        errors.push({ path: `holidays/${index}/date`, message: 'must be a real date YYYY-MM-DD' });
      } else if (holiday.recurring) {
        recurringHolidays.add(date.month * 100 + date.day);
      } else {
        fixedHolidays.add(daysFromCivil(date.year, date.month, date.day));
      }
    });
  }
  if (errors.length > 0 || startSecond === undefined || endSecond === undefined) {
    throw new AppError('VALIDATION_FAILED', `Invalid business calendar: ${describe(errors)}`, { errors });
  }
  return {
    timezone: calendar.timezone,
    open24x7: !calendar.usesBusinessHours,
    openWeekdays,
    startSecond,
    endSecond: endSecond > startSecond ? endSecond : endSecond + 86_400,
    overnight: endSecond < startSecond,
    fixedHolidays,
    recurringHolidays,
  };
}

function describe(errors: FieldError[]): string {
  return errors.map((error) => `${error.path} ${error.message}`).join('; ');
}
