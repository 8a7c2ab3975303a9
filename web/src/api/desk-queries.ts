/**
 * The desk's live and personal server state (round two): presence on a ticket, the agent's
 * notifications and saved views. Same rules as queries.ts: hooks over the generated client, keyed so
 * that the event stream (events.ts) and writes refresh exactly what they change.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { Answer } from './types';

export type Notification = NonNullable<Answer<'/api/support/notifications/', 'get'>['results']>[number];
export type SavedViewRow = NonNullable<Answer<'/api/support/me/views/', 'get'>['results']>[number];
type PresenceAnswer = Answer<'/api/support/tickets/{id}/presence', 'put'>;
export type PresenceEntry = NonNullable<PresenceAnswer['others']>[number];
export type PresenceState = 'viewing' | 'typing' | 'left';

export const deskKeys = {
  notifications: ['notifications'] as const,
  notificationList: ['notifications', 'list'] as const,
  unread: ['notifications', 'unread'] as const,
  savedViews: ['me', 'views'] as const,
  presence: (ticketId: number) => ['presence', ticketId] as const,
};

/** The other agents on a ticket by user id (kept in the query cache, fed by PUT answers and the stream). */
export type PresenceMap = Record<number, PresenceEntry>;

/** Puts one presence frame (from the stream or an answer) into the cache of its ticket. */
export function receivePresence(client: QueryClient, entry: PresenceEntry): void {
  const ticketId = entry.ticket_id;
  const userId = entry.user?.id;
  if (ticketId === undefined || userId === undefined) return;
  client.setQueryData<PresenceMap>(deskKeys.presence(ticketId), (old = {}) => {
    const next = { ...old };
    if (entry.state === 'left') delete next[userId];
    else next[userId] = entry;
    return next;
  });
}

/** PUT /api/support/tickets/{id}/presence: announces the agent, answers who else is there. */
export async function announcePresence(
  client: QueryClient,
  ticket: { id: number; number: string },
  state: PresenceState,
  keepalive = false,
): Promise<void> {
  const answer = await unwrap(
    api.http.PUT('/api/support/tickets/{id}/presence', {
      params: { path: { id: ticket.number } },
      body: { state },
      ...(keepalive ? { keepalive: true } : {}),
    }),
  );
  const others: PresenceMap = {};
  for (const p of answer.others ?? []) if (p.user?.id !== undefined) others[p.user.id] = p;
  client.setQueryData<PresenceMap>(deskKeys.presence(ticket.id), others);
}

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: deskKeys.notificationList,
    enabled,
    queryFn: ({ signal }) =>
      unwrap(api.http.GET('/api/support/notifications/', { params: { query: { limit: 20 } }, signal })),
  });
}

export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: deskKeys.unread,
    enabled,
    queryFn: ({ signal }) => unwrap(api.http.GET('/api/support/notifications/unread-count/', { signal })),
  });
}

export function useNotificationActions() {
  const client = useQueryClient();
  const onSettled = () => void client.invalidateQueries({ queryKey: deskKeys.notifications });
  const markRead = useMutation({
    mutationFn: (id: number) =>
      unwrap(api.http.POST('/api/support/notifications/{id}/read/', { params: { path: { id } } })),
    onSettled,
  });
  const markAllRead = useMutation({
    mutationFn: () => unwrap(api.http.POST('/api/support/notifications/read-all/')),
    onSettled,
  });
  return { markRead, markAllRead };
}

export function useSavedViewRows() {
  return useQuery({
    queryKey: deskKeys.savedViews,
    queryFn: ({ signal }) => unwrap(api.http.GET('/api/support/me/views/', { signal })),
    staleTime: 60_000,
  });
}

export function useSavedViewActions() {
  const client = useQueryClient();
  const onSettled = () => void client.invalidateQueries({ queryKey: deskKeys.savedViews });
  const save = useMutation({
    mutationFn: (view: { name: string; query: string }) =>
      unwrap(api.http.POST('/api/support/me/views/', { body: view })),
    onSettled,
  });
  const remove = useMutation({
    mutationFn: (id: number) =>
      unwrap(api.http.DELETE('/api/support/me/views/{id}/', { params: { path: { id } } })),
    onSettled,
  });
  const importViews = useMutation({
    mutationFn: (views: { name: string; query: string }[]) =>
      unwrap(api.http.POST('/api/support/me/views/import/', { body: { views } })),
    onSuccess: (answer) => client.setQueryData(deskKeys.savedViews, answer),
  });
  return { save, remove, importViews };
}
