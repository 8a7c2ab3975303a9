/**
 * Wall-clock ↔ instant conversion for IANA time zones on plain `Intl`, with one cached formatter per zone
 * (creating an `Intl.DateTimeFormat` costs far more than using one).
 *
 * Days are counted as "day numbers": days since 1970-01-01 of a local calendar date, so date arithmetic
 * never goes through `Date` objects.
 */

export const MS_PER_SECOND = 1_000;
export const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone name this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** UTC offset (local minus UTC, in ms) in force in `timeZone` at the instant `utcMs`. */
export function offsetAt(timeZone: string, utcMs: number): number {
  const wholeSecond = Math.floor(utcMs / MS_PER_SECOND) * MS_PER_SECOND;
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const part of formatterFor(timeZone).formatToParts(wholeSecond)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        bc = part.value === 'BC' || part.value === 'B';
        break;
      default:
        break;
    }
  }
  const wall =
    daysFromCivil(bc ? 1 - year : year, month, day) * MS_PER_DAY +
    ((hour * 60 + minute) * 60 + second) * MS_PER_SECOND;
  return wall - wholeSecond;
}

/** Day number (days since 1970-01-01) of a proleptic Gregorian date; month is 1–12. */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil: exact integer arithmetic, no Date objects.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The calendar date of a day number as { year, month (1–12), day }. */
export function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number. */
export function isoWeekday(dayNumber: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/**
 * The instants at which the wall clock of `timeZone` reads `wallMs` (a local date-time written as if it
 * were UTC). `earliest`/`latest` differ when the reading is repeated (fall-back); when the reading never
 * occurs (spring-forward gap) both are the transition instant, i.e. the first instant whose reading is
 * later than `wallMs`.
 */
export function instantsOfWallTime(timeZone: string, wallMs: number): { earliest: number; latest: number } {
  // Offsets change at most once within a day or so in every real zone, so the offsets a day before and a
  // day after are the only candidates.
  const offsetBefore = offsetAt(timeZone, wallMs - MS_PER_DAY);
  const offsetAfter = offsetAt(timeZone, wallMs + MS_PER_DAY);
  const viaBefore = wallMs - offsetBefore;
  const viaAfter = wallMs - offsetAfter;
  const beforeValid = offsetAt(timeZone, viaBefore) === offsetBefore;
  const afterValid =
    offsetBefore === offsetAfter ? beforeValid : offsetAt(timeZone, viaAfter) === offsetAfter;
  if (beforeValid && afterValid) {
    return { earliest: Math.min(viaBefore, viaAfter), latest: Math.max(viaBefore, viaAfter) };
  }
  if (beforeValid) return { earliest: viaBefore, latest: viaBefore };
  if (afterValid) return { earliest: viaAfter, latest: viaAfter };
  const transition = findTransition(timeZone, Math.min(viaBefore, viaAfter), Math.max(viaBefore, viaAfter));
  return { earliest: transition, latest: transition };
}

/** First instant in (low, high] whose offset differs from the offset at `low` (bisection to the ms). */
function findTransition(timeZone: string, low: number, high: number): number {
  const offsetLow = offsetAt(timeZone, low);
  let lo = low;
  let hi = high;
  // Offsets only change on whole seconds; bisect on seconds.
  while (hi - lo > MS_PER_SECOND) {
    const mid = lo + Math.floor((hi - lo) / 2 / MS_PER_SECOND) * MS_PER_SECOND;
    if (mid <= lo) break;
    if (offsetAt(timeZone, mid) === offsetLow) lo = mid;
    else hi = mid;
  }
  return hi;
}
