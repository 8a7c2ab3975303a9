import { describe, expect, it } from 'vitest';
import { capacityOf, pickAgent, type Candidate } from './pick-agent.js';

const agent = (userId: number, over: Partial<Candidate> = {}): Candidate => ({
  userId,
  availability: 'available',
  isActive: true,
  open: 0,
  capacity: null,
  ...over,
});

describe('pickAgent', () => {
  it('round_robin takes the next member after the pointer, wrapping around', () => {
    const team = [agent(30), agent(10), agent(20)];
    expect(pickAgent('round_robin', team, null)?.userId).toBe(10);
    expect(pickAgent('round_robin', team, 10)?.userId).toBe(20);
    expect(pickAgent('round_robin', team, 20)?.userId).toBe(30);
    expect(pickAgent('round_robin', team, 30)?.userId).toBe(10);
    // A pointer to someone who left the team still continues after their id.
    expect(pickAgent('round_robin', team, 25)?.userId).toBe(30);
  });

  it('round_robin skips away, offline, inactive and full members', () => {
    const team = [
      agent(1, { availability: 'away' }),
      agent(2, { availability: 'offline' }),
      agent(3, { isActive: false }),
      agent(4, { open: 5, capacity: 5 }),
      agent(5, { open: 4, capacity: 5 }),
    ];
    expect(pickAgent('round_robin', team, null)?.userId).toBe(5);
    expect(pickAgent('round_robin', team, 5)?.userId).toBe(5);
  });

  it('least_open takes the lightest load, ties in round-robin order', () => {
    const team = [
      agent(1, { open: 3 }),
      agent(2, { open: 1 }),
      agent(3, { open: 1 }),
      agent(4, { open: 0, availability: 'away' }),
    ];
    expect(pickAgent('least_open', team, null)?.userId).toBe(2);
    expect(pickAgent('least_open', team, 2)?.userId).toBe(3);
    expect(pickAgent('least_open', team, 3)?.userId).toBe(2);
  });

  it('least_open respects caps: a member at their cap is skipped however light', () => {
    const team = [agent(1, { open: 0, capacity: 0 }), agent(2, { open: 7, capacity: 10 })];
    expect(pickAgent('least_open', team, null)?.userId).toBe(2);
  });

  it('returns null when nobody can take a ticket', () => {
    expect(pickAgent('round_robin', [], null)).toBeNull();
    const full = [agent(1, { open: 2, capacity: 2 }), agent(2, { availability: 'offline' })];
    expect(pickAgent('round_robin', full, null)).toBeNull();
    expect(pickAgent('least_open', full, null)).toBeNull();
  });

  it('uses the member’s own cap over the team’s', () => {
    expect(capacityOf(3, 10)).toBe(3);
    expect(capacityOf(0, 10)).toBe(0);
    expect(capacityOf(null, 10)).toBe(10);
    expect(capacityOf(null, null)).toBeNull();
  });
});
