import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { invalidateFor, TICKET_EVENT_TYPES } from './events';
import { keys } from './queries';

function cached(): QueryClient {
  const client = new QueryClient();
  for (const key of [
    keys.inbox({ status: 'open' }),
    keys.ticket('DEMO-1'),
    keys.sla('DEMO-1'),
    keys.ticket('DEMO-2'),
    keys.settings('teams'),
  ]) {
    client.setQueryData(key, { cached: true });
  }
  return client;
}

const stale = (client: QueryClient) =>
  client
    .getQueryCache()
    .getAll()
    .filter((q) => q.state.isInvalidated)
    .map((q) => q.queryKey.join('/'))
    .sort();

describe('invalidateFor (the event stream → the query cache)', () => {
  it('makes every ticket list and the reads of the named ticket stale, nothing else', async () => {
    const client = cached();
    await invalidateFor(client, { type: 'message.added', ticket_number: 'DEMO-1' });
    expect(stale(client)).toEqual([
      'tickets/detail/DEMO-1',
      'tickets/inbox/[object Object]',
      'tickets/sla/DEMO-1',
    ]);
  });

  it('finds the ticket an event names by id through the cached detail', async () => {
    const client = cached();
    client.setQueryData(keys.ticket('DEMO-2'), { id: 2, ticket_number: 'DEMO-2' });
    await invalidateFor(client, { type: 'ticket.updated', ticket_id: 2 });
    expect(stale(client)).toEqual(['tickets/detail/DEMO-2', 'tickets/inbox/[object Object]']);
  });

  it('refreshes only the lists for an event that names no ticket the desk has open', async () => {
    const client = cached();
    await invalidateFor(client, { type: 'ticket.created', ticket_id: 99 });
    expect(stale(client)).toEqual(['tickets/inbox/[object Object]']);
  });
});

describe('the event types the desk listens to', () => {
  it('are the catalogue’s ticket and message events, sla.* included, no personal or KB ones', () => {
    expect(TICKET_EVENT_TYPES).toEqual(
      expect.arrayContaining(['ticket.created', 'ticket.assigned', 'message.created', 'sla.warning']),
    );
    expect(TICKET_EVENT_TYPES).not.toContain('notification.created');
    expect(TICKET_EVENT_TYPES.some((type) => type.startsWith('kb.'))).toBe(false);
  });
});
