/**
 * Live updates: the event stream GET /api/support/events/stream (server-sent events `{id, type,
 * ticket_id, …}`, built on the dispatch branch) invalidates the TanStack Query caches it concerns, so
 * open inboxes and ticket pages refetch what changed. Until the server has the stream, the EventSource
 * gets a 404 and — as the SSE standard prescribes for an error status — stops without retrying.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { keys } from './queries';

export const EVENT_STREAM_URL = '/api/support/events/stream';

/** One event of the stream, as far as the desk reads it. */
export interface DeskEvent {
  id?: string;
  type: string;
  ticket_id?: number | string;
  ticket_number?: string;
}

/** What an event makes stale: every ticket list, and the ticket it names. */
export function invalidateFor(client: QueryClient, event: DeskEvent): Promise<void> {
  const ticket = event.ticket_number ?? (event.ticket_id === undefined ? undefined : String(event.ticket_id));
  return client.invalidateQueries({
    predicate: (query) => {
      const [root, kind, id] = query.queryKey;
      if (root !== keys.tickets[0]) return false;
      if (kind === 'inbox' || kind === 'mine' || kind === 'customer') return true;
      return ticket !== undefined && id === ticket;
    },
  });
}

/** Listens to the event stream while mounted (the desk layout mounts it once). */
export function useEventStream(workspace: string): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`${EVENT_STREAM_URL}?workspace=${encodeURIComponent(workspace)}`, {
      withCredentials: true,
    });
    const onEvent = (message: MessageEvent<string>) => {
      try {
        const event = JSON.parse(message.data) as DeskEvent;
        if (typeof event.type === 'string') void invalidateFor(client, event);
      } catch {
        // A keep-alive or a malformed line: nothing to refresh.
      }
    };
    source.addEventListener('message', onEvent);
    return () => {
      source.removeEventListener('message', onEvent);
      source.close();
    };
  }, [client, workspace]);
}
