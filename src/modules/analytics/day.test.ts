import { describe, expect, it } from 'vitest';
import { dayIn } from './day.js';

const formats = new Map<string, Intl.DateTimeFormat>();
const exact = (timeZone: string, at: Date) => {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format.format(at);
};

describe('dayIn', () => {
  it('gives the day Intl gives, around midnights and offset changes, in odd time zones too', () => {
    const zones = [
      'Europe/Berlin',
      'America/St_Johns', // −3:30 / −2:30
      'Asia/Kathmandu', // +5:45
      'Australia/Lord_Howe', // a 30-minute DST shift
      'Pacific/Chatham', // +12:45 / +13:45
      'Europe/Amsterdam', // +0:19:32 before 1937: midnights inside a 15-minute slot
      'UTC',
    ];
    // Every 31 minutes 7 seconds (never aligned with a slot) through 2026's DST changes, and through 1930.
    const spans = [
      [Date.UTC(2026, 2, 20), Date.UTC(2026, 3, 10)],
      [Date.UTC(2026, 8, 25), Date.UTC(2026, 10, 5)],
      [Date.UTC(1930, 0, 1), Date.UTC(1930, 0, 8)],
    ] as const;
    let checked = 0;
    for (const timeZone of zones) {
      for (const [from, to] of spans) {
        for (let ms = from; ms < to; ms += 1_867_000) {
          for (const at of [new Date(ms), new Date(ms + 1), new Date(ms - 1)]) {
            const got = dayIn(timeZone, at);
            // One expect per mismatch only: 60,000 passing expects would dominate the test's time.
            if (got !== exact(timeZone, at))
              expect(got, `${timeZone} ${at.toISOString()}`).toBe(exact(timeZone, at));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(50_000);
  }, 60_000);
});
