import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './calendar.js';
import { statusTimeline, type StatusChange } from './status-timeline.js';
import { computeDues, countedSeconds, countedWindows, type DuesInput } from './ticket-dues.js';

// Berlin, Mon–Fri 09:00–17:00. March 2025 before DST: Berlin = UTC+1. 2025-03-03 is a Monday.
const berlin: BusinessCalendar = {
  timezone: 'Europe/Berlin',
  businessDays: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '17:00',
  holidays: [],
  usesBusinessHours: true,
};
const H = 3600;
const at = (iso: string) => new Date(iso);

function dues(overrides: Partial<DuesInput> & { changes?: StatusChange[]; status?: 'new' }) {
  const createdAt = overrides.createdAt ?? at('2025-03-03T08:00:00Z');
  const changes = overrides.changes ?? [];
  const intervals =
    overrides.intervals ??
    statusTimeline(
      {
        created_at: createdAt,
        status: changes.at(-1)?.to ?? 'new',
        resolved_at: null,
        closed_at: null,
        sla_paused_at: null,
        updated_at: createdAt,
      },
      changes,
    );
  return computeDues({
    calendar: berlin,
    responseSeconds: 4 * H,
    resolutionSeconds: 8 * H,
    warningPercent: 80,
    firstResponseAt: null,
    now: at('2025-03-03T09:00:00Z'),
    ...overrides,
    createdAt,
    intervals,
  });
}

const change = (iso: string, from: StatusChange['from'], to: StatusChange['to']): StatusChange => ({
  at: at(iso),
  from,
  to,
});

describe('computeDues', () => {
  it('counts business hours from creation, across the evening', () => {
    // Mon 15:30 Berlin + 4 business hours = 1.5 h Monday + 2.5 h Tuesday → Tue 11:30 Berlin.
    const d = dues({ createdAt: at('2025-03-03T14:30:00Z'), now: at('2025-03-03T15:00:00Z') });
    expect(d.response.dueAt.toISOString()).toBe('2025-03-04T10:30:00.000Z');
    expect(d.resolution.dueAt.toISOString()).toBe('2025-03-04T14:30:00.000Z');
    expect(d.response.state).toBe('running');
    expect(d.resolution.state).toBe('running');
  });

  it('skips the weekend', () => {
    // Fri 15:00 Berlin + 4 h = 2 h Friday + 2 h Monday → Mon 11:00 Berlin.
    const d = dues({ createdAt: at('2025-03-07T14:00:00Z') });
    expect(d.response.dueAt.toISOString()).toBe('2025-03-10T10:00:00.000Z');
  });

  it('puts a due that lands exactly on closing time at closing time, and warns at 80 %', () => {
    const d = dues({});
    expect(d.resolution.dueAt.toISOString()).toBe('2025-03-03T16:00:00.000Z'); // Mon 17:00 Berlin
    expect(d.resolution.warningAt.toISOString()).toBe('2025-03-03T14:24:00.000Z'); // 6.4 h → 15:24
    expect(d.response.warningAt.toISOString()).toBe('2025-03-03T11:12:00.000Z'); // 3.2 h → 12:12
  });

  it('moves the resolution due by the business time spent pending, not the response due', () => {
    const d = dues({
      changes: [
        change('2025-03-03T09:00:00Z', 'new', 'pending'), // Mon 10:00
        change('2025-03-03T10:00:00Z', 'pending', 'open'), // Mon 11:00
      ],
      now: at('2025-03-03T10:30:00Z'),
    });
    expect(d.resolution.dueAt.toISOString()).toBe('2025-03-04T09:00:00.000Z'); // Tue 10:00
    expect(d.resolution.pausedSeconds).toBe(H);
    expect(d.resolution.pauses).toEqual([expect.objectContaining({ status: 'pending', businessSeconds: H })]);
    expect(d.response.dueAt.toISOString()).toBe('2025-03-03T12:00:00.000Z'); // Mon 13:00, unpaused
    expect(d.resolution.pausedSince).toBeNull();
  });

  it('counts only business time of a pause: pending over a night moves the due by the business part', () => {
    const d = dues({
      changes: [
        change('2025-03-03T15:00:00Z', 'new', 'pending'), // Mon 16:00
        change('2025-03-04T09:00:00Z', 'pending', 'open'), // Tue 10:00: 1 h Mon + 1 h Tue
      ],
      now: at('2025-03-04T09:00:00Z'),
    });
    expect(d.resolution.pausedSeconds).toBe(2 * H);
    // 7 h counted Mon 09–16, 1 h left after Tue 10:00 → Tue 11:00.
    expect(d.resolution.dueAt.toISOString()).toBe('2025-03-04T10:00:00.000Z');
  });

  it('freezes the due during a pause and reports the pause start', () => {
    const before = dues({ now: at('2025-03-03T09:00:00Z') });
    const d = dues({
      changes: [change('2025-03-03T09:00:00Z', 'new', 'pending')],
      now: at('2025-03-03T15:00:00Z'),
    });
    expect(d.resolution.dueAt).toEqual(before.resolution.dueAt);
    expect(d.resolution.state).toBe('paused');
    expect(d.resolution.pausedSince?.toISOString()).toBe('2025-03-03T09:00:00.000Z');
    expect(d.resolution.pauses).toEqual([expect.objectContaining({ end: null, businessSeconds: 6 * H })]);
  });

  it('does not move a due that had passed before the pause began', () => {
    const d = dues({
      resolutionSeconds: 2 * H, // due Mon 11:00
      changes: [
        change('2025-03-03T11:00:00Z', 'new', 'pending'), // Mon 12:00
        change('2025-03-03T12:00:00Z', 'pending', 'open'),
      ],
      now: at('2025-03-03T13:00:00Z'),
    });
    expect(d.resolution.dueAt.toISOString()).toBe('2025-03-03T10:00:00.000Z');
    expect(d.resolution.pausedSeconds).toBe(0);
    expect(d.resolution.state).toBe('breached');
  });

  it('is met by the first reply, and judges a resolution at the moment it stopped', () => {
    const d = dues({
      firstResponseAt: at('2025-03-03T10:00:00Z'),
      changes: [
        change('2025-03-03T10:00:00Z', 'new', 'open'),
        change('2025-03-03T16:00:00Z', 'open', 'resolved'), // Mon 17:00 = the due exactly
      ],
      now: at('2025-03-10T10:00:00Z'),
    });
    expect(d.response).toMatchObject({ state: 'met', answeredBy: 'reply' });
    expect(d.resolution).toMatchObject({ state: 'met', stoppedIn: 'resolved' });
    expect(d.resolution.stoppedAt?.toISOString()).toBe('2025-03-03T16:00:00.000Z');
  });

  it('counts a resolution before any reply as answering, and a reopen resumes the clock', () => {
    const d = dues({
      changes: [
        change('2025-03-03T09:00:00Z', 'new', 'resolved'), // Mon 10:00 after 1 h
        change('2025-03-04T09:00:00Z', 'resolved', 'open'), // Tue 10:00: resolved 8 business h
      ],
      now: at('2025-03-04T09:30:00Z'),
    });
    expect(d.response).toMatchObject({ state: 'met', answeredBy: 'resolution' });
    expect(d.resolution.pausedSeconds).toBe(8 * H);
    // 1 h counted Monday, 7 h left from Tue 10:00 → Tue 17:00 (closing time).
    expect(d.resolution.dueAt.toISOString()).toBe('2025-03-04T16:00:00.000Z');
    expect(d.resolution.state).toBe('running');
  });

  it('breaches an unanswered ticket once now is past the due', () => {
    const d = dues({ now: at('2025-03-03T12:00:01Z') });
    expect(d.response.state).toBe('breached');
    expect(d.resolution.state).toBe('running');
  });

  it('counts windows and seconds consistently with the due', () => {
    const d = dues({
      changes: [
        change('2025-03-03T09:00:00Z', 'new', 'pending'),
        change('2025-03-03T10:00:00Z', 'pending', 'open'),
      ],
    });
    const intervals = statusTimeline(
      {
        created_at: at('2025-03-03T08:00:00Z'),
        status: 'open',
        resolved_at: null,
        closed_at: null,
        sla_paused_at: null,
        updated_at: at('2025-03-03T08:00:00Z'),
      },
      [change('2025-03-03T09:00:00Z', 'new', 'pending'), change('2025-03-03T10:00:00Z', 'pending', 'open')],
    );
    const { windows } = countedWindows(berlin, intervals, d.resolution.dueAt, 100);
    expect(windows.map((w) => [w.start.toISOString(), w.seconds])).toEqual([
      ['2025-03-03T08:00:00.000Z', H],
      ['2025-03-03T10:00:00.000Z', 6 * H],
      ['2025-03-04T08:00:00.000Z', H],
    ]);
    expect(countedSeconds(berlin, intervals, d.resolution.dueAt)).toBe(8 * H);
  });
});

describe('statusTimeline', () => {
  const base = {
    created_at: at('2025-03-03T08:00:00Z'),
    resolved_at: null,
    closed_at: null,
    sla_paused_at: null,
    updated_at: at('2025-03-05T08:00:00Z'),
  };

  it('rebuilds contiguous intervals from the recorded changes', () => {
    const timeline = statusTimeline({ ...base, status: 'open' }, [
      change('2025-03-03T09:00:00Z', 'new', 'pending'),
      change('2025-03-03T10:00:00Z', 'pending', 'open'),
    ]);
    expect(timeline.map((i) => [i.status, i.start.toISOString(), i.end?.toISOString() ?? null])).toEqual([
      ['new', '2025-03-03T08:00:00.000Z', '2025-03-03T09:00:00.000Z'],
      ['pending', '2025-03-03T09:00:00.000Z', '2025-03-03T10:00:00.000Z'],
      ['open', '2025-03-03T10:00:00.000Z', null],
    ]);
  });

  it('infers when a ticket without recorded changes reached its status from its stamps', () => {
    const resolved = statusTimeline(
      { ...base, status: 'resolved', resolved_at: at('2025-03-04T08:00:00Z') },
      [],
    );
    expect(resolved.map((i) => [i.status, i.start.toISOString()])).toEqual([
      ['new', '2025-03-03T08:00:00.000Z'],
      ['resolved', '2025-03-04T08:00:00.000Z'],
    ]);
    expect(statusTimeline({ ...base, status: 'open' }, [])).toHaveLength(1);
  });
});
