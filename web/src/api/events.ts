/**
 * Live updates: the event stream GET /api/support/events/stream (server-sent events `{id, type,
 * ticket_id, …}`) invalidates the TanStack Query caches it concerns, so open inboxes and ticket pages
 * refetch what changed. EventSource reconnects by itself and resumes with Last-Event-ID.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { keys } from './queries';

export const EVENT_STREAM_URL = '/api/support/events/stream';

/**
 * The stream names each frame by its event type (`event: ticket.updated`), so EventSource dispatches
 * by that name: these are the ones that change what the desk shows.
 */
export const TICKET_EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'ticket.status_changed',
  'ticket.assigned',
  'ticket.escalated',
  'ticket.tagged',
  'ticket.rated',
  'message.created',
  'sla.warning',
  'sla.breached',
] as const;

/** One event of the stream, as far as the desk reads it. */
export interface DeskEvent {
  id?: string;
  type: string;
  ticket_id?: number | string;
  ticket_number?: string;
}

/**
 * What an event makes stale: every ticket list, and the reads of the ticket it names. Ticket reads are
 * keyed by the number in the URL; an event naming only the id matches the number its cached detail has.
 */
export function invalidateFor(client: QueryClient, event: DeskEvent): Promise<void> {
  const numbers = new Set<string>();
  if (event.ticket_number) numbers.add(event.ticket_number);
  if (event.ticket_id !== undefined) {
    numbers.add(String(event.ticket_id));
    for (const [, data] of client.getQueriesData<{ id?: number; ticket_number?: string }>({
      queryKey: ['tickets', 'detail'],
    })) {
      if (data?.ticket_number && String(data.id) === String(event.ticket_id)) numbers.add(data.ticket_number);
    }
  }
  return client.invalidateQueries({
    predicate: (query) => {
      const [root, kind, id] = query.queryKey;
      if (root !== keys.tickets[0]) return false;
      if (kind === 'inbox' || kind === 'mine' || kind === 'customer') return true;
      return typeof id === 'string' && numbers.has(id);
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
    // Resumed too far behind to replay: the server goes live from now, so everything shown is reloaded.
    const onReset = () => void client.invalidateQueries({ queryKey: [keys.tickets[0]] });
    for (const type of TICKET_EVENT_TYPES) source.addEventListener(type, onEvent);
    source.addEventListener('reset', onReset);
    return () => {
      for (const type of TICKET_EVENT_TYPES) source.removeEventListener(type, onEvent);
      source.removeEventListener('reset', onReset);
      source.close();
    };
  }, [client, workspace]);
}
