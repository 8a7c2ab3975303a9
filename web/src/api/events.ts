/**
 * Live updates: the event stream GET /api/support/events/stream (server-sent events `{id, type,
 * ticket_id, …}`) invalidates the TanStack Query caches it concerns, so open inboxes and ticket pages
 * refetch what changed. It opens from the earliest log position of the page's reads (event-position.ts);
 * EventSource reconnects by itself and resumes with Last-Event-ID.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { EVENT_SUBJECTS, EVENT_TYPES } from './event-catalogue';
import { deskKeys, receivePresence, type PresenceEntry } from './desk-queries';
import { streamClosed, takeStreamStart } from './event-position';
import { keys } from './queries';

export const EVENT_STREAM_URL = '/api/support/events/stream';

/**
 * The stream names each frame by its event type (`event: ticket.updated`), so EventSource dispatches
 * by that name: the ones about tickets and their messages change what the desk shows. The list comes
 * from the server's catalogue (event-catalogue.ts, written by `npm run gen:api`).
 */
export const TICKET_EVENT_TYPES = EVENT_TYPES.filter(
  (type) => EVENT_SUBJECTS[type] === 'ticket' || EVENT_SUBJECTS[type] === 'message',
);

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

/** A new in-app notification of the agent (`notification.created`, only ever on their own stream). */
export interface NotificationEvent {
  notification_id: number;
  kind: string;
  ticket_id: number | null;
}
const notificationListeners = new Set<(event: NotificationEvent) => void>();

/** Calls `listener` for each notification of the agent while it is subscribed; returns the unsubscribe. */
export function onNotification(listener: (event: NotificationEvent) => void): () => void {
  notificationListeners.add(listener);
  return () => notificationListeners.delete(listener);
}

const openListeners = new Set<() => void>();

/**
 * Calls `listener` each time the stream (re)connects; returns the unsubscribe. What was sent while it
 * was away is not replayed for ephemeral frames (presence), so their owners ask again then.
 */
export function onStreamOpen(listener: () => void): () => void {
  openListeners.add(listener);
  return () => openListeners.delete(listener);
}

const parse = <T>(message: MessageEvent<string>): T | null => {
  try {
    return JSON.parse(message.data) as T;
  } catch {
    return null; // a malformed line: nothing to refresh
  }
};

/** Listens to the event stream while mounted and `enabled` (the desk layout mounts it once). */
export function useEventStream(workspace: string, enabled = true): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    // From the earliest position the page's reads named: what changed since they were answered comes first.
    const start = takeStreamStart();
    const query = `workspace=${encodeURIComponent(workspace)}${start ? `&last_event_id=${start}` : ''}`;
    const source = new EventSource(`${EVENT_STREAM_URL}?${query}`, { withCredentials: true });
    const onEvent = (message: MessageEvent<string>) => {
      const event = parse<DeskEvent>(message);
      if (event && typeof event.type === 'string') void invalidateFor(client, event);
    };
    const onPresence = (message: MessageEvent<string>) => {
      const entry = parse<PresenceEntry>(message);
      if (entry) receivePresence(client, entry);
    };
    const onNotificationEvent = (message: MessageEvent<string>) => {
      const event = parse<{ payload?: NotificationEvent }>(message);
      void client.invalidateQueries({ queryKey: deskKeys.notifications });
      if (event?.payload) for (const listener of notificationListeners) listener(event.payload);
    };
    // Resumed too far behind to replay: the server goes live from now, so everything shown is reloaded.
    const onReset = () => void client.invalidateQueries({ queryKey: [keys.tickets[0]] });
    const onOpen = () => {
      for (const listener of openListeners) listener();
    };
    source.addEventListener('open', onOpen);
    for (const type of TICKET_EVENT_TYPES) source.addEventListener(type, onEvent);
    source.addEventListener('reset', onReset);
    source.addEventListener('presence', onPresence);
    source.addEventListener('notification.created', onNotificationEvent);
    return () => {
      for (const type of TICKET_EVENT_TYPES) source.removeEventListener(type, onEvent);
      source.removeEventListener('open', onOpen);
      source.removeEventListener('reset', onReset);
      source.removeEventListener('presence', onPresence);
      source.removeEventListener('notification.created', onNotificationEvent);
      source.close();
      streamClosed();
    };
  }, [client, workspace, enabled]);
}
