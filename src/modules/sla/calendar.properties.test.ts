import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, addBusinessTime, businessTimeBetween, explainWindows } from './calendar.js';

const RUNS = 500;
const HOUR = 3_600;

interface Case {
  name: string;
  calendar: BusinessCalendar;
}

// Windows chosen so that every wall-clock reading inside them is business time and none outside is, even
// on DST days (the oracle below reads wall clocks; the overnight ones contain the DST change).
const cases: Case[] = [
  {
    name: 'Berlin 09–17 with holidays',
    calendar: {
      timezone: 'Europe/Berlin',
      businessDays: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '17:00',
      holidays: [
        { date: '2000-01-01', recurring: true },
        { date: '2000-02-29', recurring: true },
        { date: '2000-12-25', recurring: true },
        { date: '2025-04-18', recurring: false },
      ],
      usesBusinessHours: true,
    },
  },
  {
    name: 'New York 00:00–24:00 weekdays',
    calendar: {
      timezone: 'America/New_York',
      businessDays: [1, 2, 3, 4, 5],
      start: '00:00',
      end: '24:00',
      holidays: [{ date: '2000-07-04', recurring: true }],
      usesBusinessHours: true,
    },
  },
  {
    name: 'Sydney 08:30–17:15',
    calendar: {
      timezone: 'Australia/Sydney',
      businessDays: [1, 2, 3, 4, 5],
      start: '08:30',
      end: '17:15',
      holidays: [{ date: '2000-01-26', recurring: true }],
      usesBusinessHours: true,
    },
  },
  {
    name: 'Adelaide overnight 22:00–06:00 daily',
    calendar: {
      timezone: 'Australia/Adelaide',
      businessDays: [1, 2, 3, 4, 5, 6, 7],
      start: '22:00',
      end: '06:00',
      holidays: [{ date: '2000-12-25', recurring: true }],
      usesBusinessHours: true,
    },
  },
  {
    name: 'Berlin overnight 22:00–06:00 Mon–Fri',
    calendar: {
      timezone: 'Europe/Berlin',
      businessDays: [1, 2, 3, 4, 5],
      start: '22:00',
      end: '06:00',
      holidays: [],
      usesBusinessHours: true,
    },
  },
  {
    name: 'Kolkata 10:00–18:30 Mon–Sat',
    calendar: {
      timezone: 'Asia/Kolkata',
      businessDays: [1, 2, 3, 4, 5, 6],
      start: '10:00',
      end: '18:30',
      holidays: [],
      usesBusinessHours: true,
    },
  },
  {
    name: 'Tokyo 24x7',
    calendar: {
      timezone: 'Asia/Tokyo',
      businessDays: [],
      start: '09:00',
      end: '18:00',
      holidays: [],
      usesBusinessHours: false,
    },
  },
];

/** Independent oracle: is the instant business time, judged from its local wall-clock reading? */
function oracle(calendar: BusinessCalendar): (instant: number) => boolean {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: calendar.timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const toSeconds = (hhmm: string): number => {
    const [h = 0, m = 0, s = 0] = hhmm.split(':').map(Number);
    return h * 3600 + m * 60 + s;
  };
  const start = toSeconds(calendar.start);
  const end = toSeconds(calendar.end);
  const isOpenDate = (date: Date): boolean => {
    const iso = date.toISOString().slice(0, 10);
    const weekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
    if (!calendar.businessDays.includes(weekday)) return false;
    return !calendar.holidays.some((h) => (h.recurring ? h.date.slice(5) === iso.slice(5) : h.date === iso));
  };
  return (instant) => {
    if (!calendar.usesBusinessHours) return true;
    const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
    const date = new Date(`${parts.year}-${parts.month}-${parts.day}T00:00:00Z`);
    const second = Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second);
    if (end > start) return isOpenDate(date) && second >= start && second < end;
    const previous = new Date(date.getTime() - 86_400_000);
    return (isOpenDate(date) && second >= start) || (isOpenDate(previous) && second < end);
  };
}

// 2019-01-01 … 2031-01-01, to the millisecond.
const instant = fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2031, 0, 1) });
const duration = fc.oneof(
  fc.integer({ min: 1, max: 8 * HOUR }),
  fc.integer({ min: 1, max: 400 * HOUR }),
  fc.integer({ min: 1, max: 3_000_000 }).map((ms) => ms / 1000),
);

describe.each(cases)('properties: $name', ({ calendar }) => {
  const isBusiness = oracle(calendar);
  const add = (t: number, s: number): number => addBusinessTime(calendar, new Date(t), s).getTime();
  const between = (a: number, b: number): number => businessTimeBetween(calendar, new Date(a), new Date(b));

  it('add(add(t, a), b) = add(t, a + b)', () => {
    fc.assert(
      fc.property(instant, duration, duration, (t, a, b) => {
        expect(add(add(t, a), b)).toBe(add(t, a + b));
      }),
      { numRuns: RUNS },
    );
  });

  it('the result is business time or exactly a closing edge, and later than the start', () => {
    fc.assert(
      fc.property(instant, duration, (t, s) => {
        const due = add(t, s);
        expect(due).toBeGreaterThan(t);
        // The millisecond before the due time is counted, so the due time is inside or on a closing edge.
        expect(isBusiness(due - 1)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('between(t, add(t, s)) = s', () => {
    fc.assert(
      fc.property(instant, duration, (t, s) => {
        expect(between(t, add(t, s))).toBeCloseTo(s, 6);
      }),
      { numRuns: RUNS },
    );
  });

  it('between is monotonic, additive and antisymmetric; explainWindows sums to it', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        expect(between(a, b)).toBeGreaterThanOrEqual(0);
        expect(between(a, b)).toBeLessThanOrEqual(between(a, c));
        expect(between(b, c)).toBeLessThanOrEqual(between(a, c));
        expect(between(a, b) + between(b, c)).toBeCloseTo(between(a, c), 6);
        expect(between(c, a)).toBe(-between(a, c) || 0);
        const explained = explainWindows(calendar, new Date(a), new Date(b)).reduce(
          (sum, w) => sum + w.seconds,
          0,
        );
        expect(explained).toBeCloseTo(between(a, b), 6);
      }),
      { numRuns: RUNS },
    );
  });

  it('add is monotonic in seconds and subtracting undoes adding', () => {
    fc.assert(
      fc.property(instant, duration, duration, (t, s1, s2) => {
        const [low, high] = s1 <= s2 ? [s1, s2] : [s2, s1];
        expect(add(t, low)).toBeLessThanOrEqual(add(t, high));
        const due = add(t, s1);
        const back = add(due, -s1);
        // Going back lands on the first counted instant at or after t.
        expect(back).toBeGreaterThanOrEqual(t);
        expect(between(t, back)).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('between agrees with a quarter-hour count of the wall-clock oracle', () => {
    // Every window edge and DST change in these calendars falls on a quarter hour, UTC and local alike.
    const quarter = 15 * 60_000;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2019, 0, 1) / quarter, max: Date.UTC(2031, 0, 1) / quarter }),
        fc.integer({ min: 0, max: 3 * 24 * 4 }),
        (first, quarters) => {
          let open = 0;
          for (let q = 0; q < quarters; q++) if (isBusiness((first + q) * quarter)) open++;
          expect(between(first * quarter, (first + quarters) * quarter)).toBe(open * 15 * 60);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('properties around DST changes', () => {
  // Starts drawn from the 3 days around each 2024 transition in the zones under test.
  const transitions = [
    Date.UTC(2024, 2, 31, 1),
    Date.UTC(2024, 9, 27, 1),
    Date.UTC(2024, 2, 10, 7),
    Date.UTC(2024, 10, 3, 6),
    Date.UTC(2024, 3, 6, 16),
    Date.UTC(2024, 9, 5, 16),
  ];
  const nearTransition = fc
    .tuple(fc.constantFrom(...transitions), fc.integer({ min: -36 * HOUR * 1000, max: 36 * HOUR * 1000 }))
    .map(([at, delta]) => at + delta);

  it.each(cases)('$name: the quarter-hour count matches the oracle across transitions', ({ calendar }) => {
    const isBusiness = oracle(calendar);
    const quarter = 15 * 60_000;
    fc.assert(
      fc.property(nearTransition, fc.integer({ min: 0, max: 36 * 4 }), (start, quarters) => {
        const from = Math.floor(start / quarter) * quarter;
        let open = 0;
        for (let q = 0; q < quarters; q++) if (isBusiness(from + q * quarter)) open++;
        const to = from + quarters * quarter;
        expect(businessTimeBetween(calendar, new Date(from), new Date(to))).toBe(open * 15 * 60);
        if (open > 0) {
          const due = addBusinessTime(calendar, new Date(from), open * 15 * 60).getTime();
          expect(due).toBeLessThanOrEqual(to);
          expect(isBusiness(due - 1)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
