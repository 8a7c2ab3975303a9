import { describe, expect, it } from 'vitest';
import { testApp } from './test/app.js';
import { eventSubscribers } from './subscribers.js';

const { deps } = await testApp();

describe('event subscribers', () => {
  it('have unique names and name the types they want', () => {
    const subscribers = eventSubscribers(deps);
    const names = subscribers.map((s) => s.name);
    expect(names).toEqual([
      'webhooks',
      'team-queues',
      'notifications',
      'sla-mail',
      'email-outbound',
      'chat-mail-replies',
      'social-replies',
      'ticket-stats',
      'satisfaction-survey',
    ]);
    expect(new Set(names).size).toBe(names.length);
    for (const s of subscribers) expect(s.types === '*' || s.types.length > 0).toBe(true);
    // No subscriber feeds on what another records for the stream.
    for (const s of subscribers) expect(s.types).not.toContain('notification.created');
  });
});
