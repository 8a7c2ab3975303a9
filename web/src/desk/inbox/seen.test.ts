import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedSinceSeen, markSeen } from './seen';

let stored: Map<string, string>;
let reads = 0;

beforeEach(() => {
  stored = new Map();
  reads = 0;
  globalThis.localStorage = {
    getItem: (key: string) => {
      reads++;
      return stored.get(key) ?? null;
    },
    setItem: (key: string, value: string) => void stored.set(key, value),
  } as Storage;
});

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage');
});

describe('tickets changed since the agent saw them', () => {
  it('marks a ticket updated after it was seen, not one seen as it is or never seen', () => {
    markSeen('DEMO-1', '2026-12-01T10:00:00Z');
    markSeen('DEMO-2', '2026-12-01T10:00:00Z');
    const changed = changedSinceSeen();
    expect(changed('DEMO-1', '2026-12-01T11:00:00Z')).toBe(true);
    expect(changed('DEMO-2', '2026-12-01T10:00:00Z')).toBe(false);
    expect(changed('DEMO-3', '2026-12-01T11:00:00Z')).toBe(false);
    expect(changed('DEMO-1', undefined)).toBe(false);
  });

  it('reads the remembered tickets once for a whole list', () => {
    markSeen('DEMO-1', '2026-12-01T10:00:00Z');
    reads = 0;
    const changed = changedSinceSeen();
    for (let i = 1; i <= 50; i++) changed(`DEMO-${i}`, '2026-12-01T11:00:00Z');
    expect(reads).toBe(1);
  });
});
