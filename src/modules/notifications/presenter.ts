/** Notification row → API shape. */
import type { Notification } from './repository.js';

export function presentNotification(n: Notification) {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    ticket_id: n.ticket_id,
    event_id: n.event_id,
    is_read: n.read_at !== null,
    read_at: n.read_at?.toISOString() ?? null,
    created_at: n.created_at.toISOString(),
  };
}
export type NotificationView = ReturnType<typeof presentNotification>;
