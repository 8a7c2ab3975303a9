import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { type BusinessCalendar, addBusinessTime, businessTimeBetween, validateCalendar } from './calendar.js';

function calendar(overrides: Partial<BusinessCalendar>): BusinessCalendar {
  return {
    timezone: 'Europe/Berlin',
    businessDays: [1, 2, 3, 4, 5],
    start: '09:00',
    end: '17:00',
    holidays: [],
    usesBusinessHours: true,
    ...overrides,
  };
}

const d = (iso: string): Date => new Date(iso);
const berlin = calendar({ holidays: [{ date: '2000-12-25', recurring: true }] });
const berlinNights = calendar({ start: '22:00', end: '06:00' });
const newYorkWholeDays = calendar({
  timezone: 'America/New_York',
  businessDays: [1, 2, 3, 4, 5, 6, 7],
  start: '00:00',
  end: '24:00',
});
const leapHoliday = calendar({ holidays: [{ date: '2000-02-29', recurring: true }] });
const kolkata = calendar({
  timezone: 'Asia/Kolkata',
  businessDays: [1, 2, 3, 4, 5, 6],
  start: '10:00',
  end: '18:30',
});
const allDay = calendar({ usesBusinessHours: false });

describe('validateCalendar', () => {
  function problems(cal: BusinessCalendar): string[] {
    try {
      validateCalendar(cal);
      return [];
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      expect(error.code).toBe('VALIDATION_FAILED');
      return (error.extra.errors ?? []).map((e) => e.path);
    }
  }

  it('accepts valid calendars, overnight windows, 24:00 and a recurring 02-29', () => {
    for (const cal of [berlin, berlinNights, newYorkWholeDays, leapHoliday, kolkata, allDay]) {
      expect(problems(cal)).toEqual([]);
    }
    expect(problems(calendar({ start: '08:30:15', end: '17:45:59' }))).toEqual([]);
  });

  it('rejects every problem with its path', () => {
    expect(
      problems(
        calendar({
          timezone: 'Mars/Olympus',
          businessDays: [0, 8, 1.5],
          start: '9:00',
          end: '25:00',
          holidays: [
            { date: '2023-02-29', recurring: false },
            { date: '2024-13-01', recurring: true },
          ],
        }),
      ),
    ).toEqual([
      'timezone',
      'businessDays/0',
      'businessDays/1',
      'businessDays/2',
      'businessDays',
      'start',
      'end',
      'holidays/0/date',
      'holidays/1/date',
    ]);
    expect(problems(calendar({ start: '09:00', end: '09:00' }))).toEqual(['end']);
    expect(problems(calendar({ start: '24:00' }))).toEqual(['start']);
    expect(problems(calendar({ businessDays: [] }))).toEqual(['businessDays']);
    expect(problems(calendar({ businessDays: [], usesBusinessHours: false }))).toEqual([]);
  });

  it('is applied by the clock functions', () => {
    expect(() =>
      addBusinessTime(calendar({ timezone: 'Nowhere/Else' }), d('2024-01-01T00:00:00Z'), 1),
    ).toThrow(AppError);
  });

  it('reports a calendar that is never open instead of looping', () => {
    const everyDay = Array.from({ length: 366 }, (_, i) => {
      const date = new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10);
      return { date, recurring: true };
    });
    const closed = calendar({ holidays: everyDay });
    expect(() => addBusinessTime(closed, d('2024-01-01T00:00:00Z'), 1)).toThrow(/no business time/);
    expect(() => businessTimeBetween(closed, d('2024-01-01T00:00:00Z'), d('2025-01-01T00:00:00Z'))).toThrow(
      AppError,
    );
  });

  it('rejects invalid dates and durations', () => {
    expect(() => addBusinessTime(berlin, new Date(Number.NaN), 1)).toThrow(RangeError);
    expect(() => addBusinessTime(berlin, d('2024-01-01T00:00:00Z'), Number.POSITIVE_INFINITY)).toThrow(
      RangeError,
    );
  });
});
