import { describe, expect, it } from 'vitest';
import { notePosition, streamClosed, takeStreamStart } from './event-position';

const answer = (position?: string) =>
  new Response('{}', { headers: position ? { 'X-Event-Position': position } : {} });

describe('the stream’s start from the answers’ X-Event-Position', () => {
  it('keeps the earliest position, by xid then id, and forgets it once taken', () => {
    for (const p of ['900-12', '899-40', '899-7', undefined, 'nonsense', '1000-1']) notePosition(answer(p));
    expect(takeStreamStart()).toBe('899-7');
    streamClosed();
    expect(takeStreamStart()).toBeNull();
    streamClosed();
    notePosition(answer('950-3'));
    expect(takeStreamStart()).toBe('950-3');
    streamClosed();
  });

  it('notes nothing while a stream exists: it hears what those answers could miss', () => {
    takeStreamStart();
    notePosition(answer('10-1'));
    streamClosed();
    notePosition(answer('20-1'));
    expect(takeStreamStart()).toBe('20-1');
    streamClosed();
  });
});
