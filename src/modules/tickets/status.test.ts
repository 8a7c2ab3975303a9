import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from '../../db/schema.js';
import { allowedTransitions, assertTransition, lifecycleStamps } from './status.js';

const agent = { kind: 'staff', role: 'agent' } as const;
const admin = { kind: 'staff', role: 'admin' } as const;
const customer = { kind: 'customer' } as const;

describe('ticket status transitions', () => {
  it('let staff move an active ticket anywhere but back to new', () => {
    for (const from of ['new', 'open', 'pending', 'on_hold'] as const) {
      for (const to of TICKET_STATUSES) {
        const ok = to !== 'new' && to !== from;
        expect(allowedTransitions(from, agent).includes(to), `${from} → ${to}`).toBe(ok);
      }
    }
  });

  it('let staff reopen or close a resolved ticket', () => {
    expect(allowedTransitions('resolved', agent)).toEqual(['open', 'closed']);
    expect(() => assertTransition('resolved', 'pending', agent)).toThrow(
      /cannot move a ticket from resolved to pending/,
    );
  });

  it('reopen closed and cancelled tickets for admins only', () => {
    for (const from of ['closed', 'cancelled'] as const) {
      expect(() => assertTransition(from, 'open', agent)).toThrow();
      expect(() => assertTransition(from, 'open', admin)).not.toThrow();
      expect(() => assertTransition(from, 'resolved', admin)).toThrow();
    }
  });

  it('let customers only close or cancel their active ticket', () => {
    expect(allowedTransitions('open', customer)).toEqual(['closed', 'cancelled']);
    expect(() => assertTransition('open', 'resolved', customer)).toThrow();
    expect(() => assertTransition('closed', 'open', customer)).toThrow();
    expect(() => assertTransition('pending', 'cancelled', customer)).not.toThrow();
  });

  it('answers an illegal move with the 422 code', () => {
    try {
      assertTransition('closed', 'pending', admin);
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'ILLEGAL_STATUS_TRANSITION', status: 422 });
    }
  });

  it('sets and clears the lifecycle timestamps', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(lifecycleStamps('resolved', now)).toEqual({ resolved_at: now, closed_at: null });
    expect(lifecycleStamps('closed', now)).toEqual({ closed_at: now });
    expect(lifecycleStamps('open', now)).toEqual({ resolved_at: null, closed_at: null });
  });
});
