import { describe, expect, it } from 'vitest';
import { duration, slaState } from './format';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

describe('duration', () => {
  it('shows the two largest units', () => {
    expect(duration(45_000)).toBe('45 s');
    expect(duration(125 * 60_000)).toBe('2 h 05 min');
    expect(duration(-(3 * 86_400_000 + 4 * 3_600_000))).toBe('3 d 4 h');
  });
});

describe('slaState', () => {
  it('counts down to the first response until one was sent, then to the resolution', () => {
    const ticket = { status: 'open' as const, response_due_at: at(30), resolution_due_at: at(600) };
    expect(slaState(ticket, NOW)).toEqual({ tone: 'ok', target: 'response', remaining: 30 * 60_000 });
    expect(slaState({ ...ticket, first_response_at: at(-5) }, NOW).target).toBe('resolution');
  });

  it('warns after the warning time and reports a passed due date as breached', () => {
    const ticket = { status: 'open' as const, response_due_at: at(10), response_warning_at: at(-1) };
    expect(slaState(ticket, NOW).tone).toBe('warning');
    expect(slaState({ ...ticket, response_due_at: at(-3) }, NOW)).toMatchObject({
      tone: 'breached',
      remaining: -3 * 60_000,
    });
  });

  it('has no countdown for a paused, finished or SLA-less ticket', () => {
    expect(slaState({ status: 'open', sla_paused_at: at(-1), response_due_at: at(5) }, NOW).tone).toBe(
      'paused',
    );
    expect(slaState({ status: 'resolved', response_due_at: at(-5) }, NOW).tone).toBe('met');
    expect(slaState({ status: 'open' }, NOW).tone).toBe('none');
  });
});
