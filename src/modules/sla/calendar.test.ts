import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, addBusinessTime, businessTimeBetween, explainWindows } from './calendar.js';

const HOUR = 3_600;
const WEEKDAYS = [1, 2, 3, 4, 5];
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

function calendar(overrides: Partial<BusinessCalendar>): BusinessCalendar {
  return {
    timezone: 'Europe/Berlin',
    businessDays: WEEKDAYS,
    start: '09:00',
    end: '17:00',
    holidays: [],
    usesBusinessHours: true,
    ...overrides,
  };
}

const berlin = calendar({
  holidays: [
    { date: '2000-01-01', recurring: true },
    { date: '2000-12-25', recurring: true },
    { date: '2000-12-26', recurring: true },
    { date: '2024-10-03', recurring: false },
  ],
});
const berlinEarly = calendar({ businessDays: ALL_DAYS, start: '02:00', end: '10:00' });
const berlinPastMidnight = calendar({ businessDays: ALL_DAYS, start: '00:00', end: '02:30' });
const berlinNights = calendar({ start: '22:00', end: '06:00' });
const berlinNightsDaily = calendar({ businessDays: ALL_DAYS, start: '22:00', end: '06:00' });
const leapHoliday = calendar({ holidays: [{ date: '2000-02-29', recurring: true }] });
const newYork = calendar({ timezone: 'America/New_York' });
const newYorkWholeDays = calendar({
  timezone: 'America/New_York',
  businessDays: ALL_DAYS,
  start: '00:00',
  end: '24:00',
});
const tokyo = calendar({ timezone: 'Asia/Tokyo', start: '09:00', end: '18:00' });
const sydney = calendar({ timezone: 'Australia/Sydney' });
const sydneyWholeDays = calendar({
  timezone: 'Australia/Sydney',
  businessDays: ALL_DAYS,
  start: '00:00',
  end: '24:00',
});
const adelaide = calendar({ timezone: 'Australia/Adelaide' });
const kolkata = calendar({
  timezone: 'Asia/Kolkata',
  businessDays: [1, 2, 3, 4, 5, 6],
  start: '10:00',
  end: '18:30',
});
const allDay = calendar({ usesBusinessHours: false, holidays: [{ date: '2024-03-31', recurring: false }] });

const d = (iso: string): Date => new Date(iso);
const add = (cal: BusinessCalendar, iso: string, seconds: number): string =>
  addBusinessTime(cal, d(iso), seconds).toISOString();

describe('addBusinessTime', () => {
  // [name, calendar, start, seconds, expected]; local times in the names, UTC in the ISO strings.
  const cases: [string, BusinessCalendar, string, number, string][] = [
    [
      'Berlin inside hours: Tue 10:00 CET + 2h',
      berlin,
      '2024-01-09T09:00:00Z',
      2 * HOUR,
      '2024-01-09T11:00:00.000Z',
    ],
    [
      'closing edge: Tue 10:00 + 7h is 17:00 the same day',
      berlin,
      '2024-01-09T09:00:00Z',
      7 * HOUR,
      '2024-01-09T16:00:00.000Z',
    ],
    [
      'one second past the closing edge',
      berlin,
      '2024-01-09T09:00:00Z',
      7 * HOUR + 1,
      '2024-01-10T08:00:01.000Z',
    ],
    ['start before opening: Tue 06:00', berlin, '2024-01-09T05:00:00Z', HOUR, '2024-01-09T09:00:00.000Z'],
    ['start exactly at opening', berlin, '2024-01-09T08:00:00Z', HOUR, '2024-01-09T09:00:00.000Z'],
    ['start exactly at closing', berlin, '2024-01-09T16:00:00Z', HOUR, '2024-01-10T09:00:00.000Z'],
    ['start after closing: Tue 19:00', berlin, '2024-01-09T18:00:00Z', HOUR, '2024-01-10T09:00:00.000Z'],
    [
      'start on a Saturday + 8h: Monday closing',
      berlin,
      '2024-01-13T12:00:00Z',
      8 * HOUR,
      '2024-01-15T16:00:00.000Z',
    ],
    [
      'Friday 16:00 + 2h: over the weekend',
      berlin,
      '2024-01-12T15:00:00Z',
      2 * HOUR,
      '2024-01-15T09:00:00.000Z',
    ],
    [
      'start on a fixed holiday (Thu 2024-10-03)',
      berlin,
      '2024-10-03T08:00:00Z',
      HOUR,
      '2024-10-04T08:00:00.000Z',
    ],
    [
      'year end: Dec 31 16:00 + 2h, Jan 1 recurring holiday',
      berlin,
      '2024-12-31T15:00:00Z',
      2 * HOUR,
      '2025-01-02T09:00:00.000Z',
    ],
    [
      'year end over a weekend and New Year',
      berlin,
      '2023-12-29T15:00:00Z',
      2 * HOUR,
      '2024-01-02T09:00:00.000Z',
    ],
    ['recurring Christmas in 2025', berlin, '2025-12-24T15:00:00Z', 2 * HOUR, '2025-12-29T09:00:00.000Z'],
    [
      'a whole business week from Monday opening',
      berlin,
      '2024-01-15T08:00:00Z',
      40 * HOUR,
      '2024-01-19T16:00:00.000Z',
    ],
    [
      'Berlin spring forward weekend (CET → CEST)',
      berlin,
      '2024-03-29T15:00:00Z',
      2 * HOUR,
      '2024-04-01T08:00:00.000Z',
    ],
    [
      'Berlin fall back weekend (CEST → CET)',
      berlin,
      '2024-10-25T14:00:00Z',
      2 * HOUR,
      '2024-10-28T09:00:00.000Z',
    ],
    [
      'spring-forward day: 02:00 does not exist, opens 03:00 CEST',
      berlinEarly,
      '2024-03-30T23:00:00Z',
      HOUR,
      '2024-03-31T02:00:00.000Z',
    ],
    [
      'spring-forward day window is 7h long',
      berlinEarly,
      '2024-03-30T23:00:00Z',
      7 * HOUR,
      '2024-03-31T08:00:00.000Z',
    ],
    [
      'fall-back day: opens at the first 02:00 (CEST)',
      berlinEarly,
      '2024-10-26T21:00:00Z',
      HOUR,
      '2024-10-27T01:00:00.000Z',
    ],
    [
      'fall-back day window is 9h long',
      berlinEarly,
      '2024-10-26T21:00:00Z',
      9 * HOUR,
      '2024-10-27T09:00:00.000Z',
    ],
    [
      'overnight window: Sat 00:00 + 6h is Sat 06:00',
      berlinNights,
      '2024-01-12T23:00:00Z',
      6 * HOUR,
      '2024-01-13T05:00:00.000Z',
    ],
    [
      'overnight window: Sat 00:00 + 7h is Mon 23:00',
      berlinNights,
      '2024-01-12T23:00:00Z',
      7 * HOUR,
      '2024-01-15T22:00:00.000Z',
    ],
    [
      'overnight window: Sat 02:00 belongs to Friday',
      berlinNights,
      '2024-01-13T01:00:00Z',
      HOUR,
      '2024-01-13T02:00:00.000Z',
    ],
    [
      'overnight window: Sunday 23:00 waits for Monday 22:00',
      berlinNights,
      '2024-01-14T22:00:00Z',
      HOUR,
      '2024-01-15T22:00:00.000Z',
    ],
    [
      'Feb 29 recurring holiday in 2024',
      leapHoliday,
      '2024-02-28T15:00:00Z',
      2 * HOUR,
      '2024-03-01T09:00:00.000Z',
    ],
    [
      'Feb 29 recurring holiday in 2028 (Tue)',
      leapHoliday,
      '2028-02-28T15:00:00Z',
      2 * HOUR,
      '2028-03-01T09:00:00.000Z',
    ],
    [
      'Feb 29 recurring holiday does not occur in 2027',
      leapHoliday,
      '2027-02-26T15:00:00Z',
      2 * HOUR,
      '2027-03-01T09:00:00.000Z',
    ],
    [
      'New York spring forward (EST → EDT)',
      newYork,
      '2024-03-08T21:00:00Z',
      2 * HOUR,
      '2024-03-11T14:00:00.000Z',
    ],
    ['New York fall back (EDT → EST)', newYork, '2024-11-01T20:00:00Z', 2 * HOUR, '2024-11-04T15:00:00.000Z'],
    ['Tokyo closing edge 18:00 JST', tokyo, '2024-07-01T00:00:00Z', 9 * HOUR, '2024-07-01T09:00:00.000Z'],
    ['Tokyo + 10h: Tue 10:00 JST', tokyo, '2024-07-01T00:00:00Z', 10 * HOUR, '2024-07-02T01:00:00.000Z'],
    ['Tokyo Friday 17:30 + 1h', tokyo, '2024-07-05T08:30:00Z', HOUR, '2024-07-08T00:30:00.000Z'],
    ['Sydney DST starts (AEST → AEDT)', sydney, '2024-10-04T06:00:00Z', 2 * HOUR, '2024-10-06T23:00:00.000Z'],
    ['Sydney DST ends (AEDT → AEST)', sydney, '2024-04-05T05:00:00Z', 2 * HOUR, '2024-04-08T00:00:00.000Z'],
    [
      'Adelaide (+09:30) full day to closing edge',
      adelaide,
      '2024-06-30T23:30:00Z',
      8 * HOUR,
      '2024-07-01T07:30:00.000Z',
    ],
    [
      'Adelaide DST starts (+09:30 → +10:30)',
      adelaide,
      '2024-10-04T06:30:00Z',
      2 * HOUR,
      '2024-10-06T23:30:00.000Z',
    ],
    [
      'Kolkata (+05:30) Saturday 18:00 + 1h',
      kolkata,
      '2024-01-06T12:30:00Z',
      HOUR,
      '2024-01-08T05:00:00.000Z',
    ],
    [
      '24x7 ignores hours, weekends, holidays and DST',
      allDay,
      '2024-03-30T22:00:00Z',
      5 * HOUR,
      '2024-03-31T03:00:00.000Z',
    ],
    [
      'backwards: Mon 10:00 - 1h is the opening edge',
      berlin,
      '2024-01-15T09:00:00Z',
      -HOUR,
      '2024-01-15T08:00:00.000Z',
    ],
    [
      'backwards: Mon 10:00 - 2h is Fri 16:00',
      berlin,
      '2024-01-15T09:00:00Z',
      -2 * HOUR,
      '2024-01-12T15:00:00.000Z',
    ],
    ['backwards from a Saturday', berlin, '2024-01-13T12:00:00Z', -HOUR, '2024-01-12T15:00:00.000Z'],
    [
      'zero seconds outside hours returns the start',
      berlin,
      '2024-01-13T12:00:00Z',
      0,
      '2024-01-13T12:00:00.000Z',
    ],
    [
      'fractional seconds are kept to the ms',
      berlin,
      '2024-01-09T09:00:00Z',
      1.5,
      '2024-01-09T09:00:01.500Z',
    ],
  ];
  it.each(cases)('%s', (_name, cal, start, seconds, expected) => {
    expect(add(cal, start, seconds)).toBe(expected);
  });

  it('jumps long durations exactly (a business year of 2024 in Berlin)', () => {
    // 2024 has 262 weekdays; Jan 1, Oct 3, Dec 25 and Dec 26 are weekday holidays: 258 days of 8h.
    expect(businessTimeBetween(berlin, d('2024-01-01T00:00:00Z'), d('2025-01-01T00:00:00Z'))).toBe(
      258 * 8 * HOUR,
    );
    expect(add(berlin, '2024-01-01T00:00:00Z', 258 * 8 * HOUR)).toBe('2024-12-31T16:00:00.000Z');
    expect(add(berlin, '2024-01-01T00:00:00Z', 258 * 8 * HOUR + 1)).toBe('2025-01-02T08:00:01.000Z');
  });
});

describe('businessTimeBetween', () => {
  const cases: [string, BusinessCalendar, string, string, number][] = [
    ['same business day', berlin, '2024-01-09T09:00:00Z', '2024-01-09T11:30:00Z', 2.5 * HOUR],
    ['over a weekend', berlin, '2024-01-12T15:00:00Z', '2024-01-15T09:00:00Z', 2 * HOUR],
    ['inside a weekend', berlin, '2024-01-13T01:00:00Z', '2024-01-14T23:00:00Z', 0],
    [
      'spring-forward 02:00–10:00 window: 7h',
      berlinEarly,
      '2024-03-31T00:00:00Z',
      '2024-03-31T12:00:00Z',
      7 * HOUR,
    ],
    [
      'ordinary 02:00–10:00 window: 8h',
      berlinEarly,
      '2024-03-30T00:00:00Z',
      '2024-03-30T12:00:00Z',
      8 * HOUR,
    ],
    [
      'fall-back 02:00–10:00 window: 9h',
      berlinEarly,
      '2024-10-26T22:00:00Z',
      '2024-10-27T12:00:00Z',
      9 * HOUR,
    ],
    [
      'spring-forward 00:00–02:30: ends at the gap, 2h',
      berlinPastMidnight,
      '2024-03-30T22:00:00Z',
      '2024-03-31T12:00:00Z',
      2 * HOUR,
    ],
    [
      'fall-back 00:00–02:30: ends at the second 02:30, 3.5h',
      berlinPastMidnight,
      '2024-10-26T21:00:00Z',
      '2024-10-27T12:00:00Z',
      3.5 * HOUR,
    ],
    [
      'overnight window over spring forward: 7h',
      berlinNightsDaily,
      '2024-03-30T12:00:00Z',
      '2024-03-31T12:00:00Z',
      7 * HOUR,
    ],
    [
      'overnight window over fall back: 9h',
      berlinNightsDaily,
      '2024-10-26T12:00:00Z',
      '2024-10-27T12:00:00Z',
      9 * HOUR,
    ],
    [
      'New York spring-forward day has 23h',
      newYorkWholeDays,
      '2024-03-10T05:00:00Z',
      '2024-03-11T04:00:00Z',
      23 * HOUR,
    ],
    [
      'New York fall-back day has 25h',
      newYorkWholeDays,
      '2024-11-03T04:00:00Z',
      '2024-11-04T05:00:00Z',
      25 * HOUR,
    ],
    [
      'New York whole local year 2024',
      newYorkWholeDays,
      '2024-01-01T05:00:00Z',
      '2025-01-01T05:00:00Z',
      366 * 24 * HOUR,
    ],
    [
      'Sydney DST-start day has 23h',
      sydneyWholeDays,
      '2024-10-05T14:00:00Z',
      '2024-10-06T13:00:00Z',
      23 * HOUR,
    ],
    [
      'Sydney DST-end day has 25h',
      sydneyWholeDays,
      '2024-04-06T13:00:00Z',
      '2024-04-07T14:00:00Z',
      25 * HOUR,
    ],
    ['Adelaide business week', adelaide, '2024-07-01T00:00:00Z', '2024-07-08T00:00:00Z', 40 * HOUR],
    ['Kolkata six days of 8.5h', kolkata, '2024-01-08T00:00:00Z', '2024-01-15T00:00:00Z', 6 * 8.5 * HOUR],
    ['24x7 is elapsed time', allDay, '2024-03-30T22:00:00Z', '2024-04-01T22:00:00Z', 48 * HOUR],
  ];
  it.each(cases)('%s', (_name, cal, a, b, expected) => {
    expect(businessTimeBetween(cal, d(a), d(b))).toBe(expected);
    expect(businessTimeBetween(cal, d(b), d(a))).toBe(-expected || 0);
  });

  it('is 0 for equal instants', () => {
    expect(businessTimeBetween(berlin, d('2024-01-09T10:00:00Z'), d('2024-01-09T10:00:00Z'))).toBe(0);
  });
});

describe('explainWindows', () => {
  it('lists the counted windows clipped to the range', () => {
    const windows = explainWindows(berlin, d('2024-01-12T14:00:00Z'), d('2024-01-16T10:00:00Z'));
    expect(windows.map((w) => [w.start.toISOString(), w.end.toISOString(), w.seconds])).toEqual([
      ['2024-01-12T14:00:00.000Z', '2024-01-12T16:00:00.000Z', 2 * HOUR],
      ['2024-01-15T08:00:00.000Z', '2024-01-15T16:00:00.000Z', 8 * HOUR],
      ['2024-01-16T08:00:00.000Z', '2024-01-16T10:00:00.000Z', 2 * HOUR],
    ]);
  });

  it('is empty for an empty or reversed range and one window for 24x7', () => {
    expect(explainWindows(berlin, d('2024-01-16T10:00:00Z'), d('2024-01-12T14:00:00Z'))).toEqual([]);
    expect(explainWindows(berlin, d('2024-01-13T10:00:00Z'), d('2024-01-14T10:00:00Z'))).toEqual([]);
    expect(explainWindows(allDay, d('2024-01-13T10:00:00Z'), d('2024-01-14T10:00:00Z'))).toEqual([
      { start: d('2024-01-13T10:00:00Z'), end: d('2024-01-14T10:00:00Z'), seconds: 24 * HOUR },
    ]);
  });

  it('crosses long closed stretches and years', () => {
    const closedJanuary = calendar({
      holidays: Array.from({ length: 31 }, (_, i) => ({
        date: `2000-01-${String(i + 1).padStart(2, '0')}`,
        recurring: true,
      })),
    });
    const windows = explainWindows(closedJanuary, d('2024-12-31T15:00:00Z'), d('2025-02-03T09:00:00Z'));
    expect(windows.map((w) => w.start.toISOString())).toEqual([
      '2024-12-31T15:00:00.000Z',
      '2025-02-03T08:00:00.000Z',
    ]);
    expect(add(closedJanuary, '2024-12-31T15:00:00Z', 2 * HOUR)).toBe('2025-02-03T09:00:00.000Z');
  });
});
