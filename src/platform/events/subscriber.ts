/**
 * What reads domain events after commit. A subscriber names the event types it wants; the dispatcher
 * (platform/events) hands it every committed event of those types in id order, once per event across
 * all processes of the install, at least once — so handle() must be idempotent (a retry after a crash
 * may hand it the same event again).
 *
 * Live delivery to browsers is not a subscriber: every process pushes the events it sees to its own
 * connected streams; subscribers are the background work (mail, webhooks, notifications, queues).
 */

import type { EventType } from './catalogue.js';

/** A committed row of domain_events as subscribers and streams see it. */
export interface StoredEvent {
  id: number;
  workspaceId: number;
  type: string;
  subjectType: string;
  subjectId: number;
  actorUserId: number | null;
  actorCustomerId: number | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface EventSubscriber {
  /** Stable and unique: the key of this subscriber's cursor. Renaming it replays nothing and skips nothing only if the cursor is migrated too. */
  name: string;
  /** The event types it wants, or '*' for all. Only catalogue types (events/catalogue.ts). */
  types: readonly EventType[] | '*';
  /** Runs once per event across processes, at least once: must be idempotent. A throw retries the event later. */
  handle(event: StoredEvent): Promise<void>;
  /**
   * Optional: the events of one read of the log at once (in log order), so that a subscriber shares one
   * transaction per workspace and one statement per kind among them. The same rules as handle(): at
   * least once, idempotent. A throw hands the same events to handle() one by one (events a batch had
   * already finished are handled again, which idempotence allows), so one bad event is retried alone.
   */
  handleBatch?(events: StoredEvent[]): Promise<void>;
}

/** Events grouped by workspace, each group in log order. */
export function eventsByWorkspace(events: readonly StoredEvent[]): Map<number, StoredEvent[]> {
  const out = new Map<number, StoredEvent[]>();
  for (const e of events) {
    const list = out.get(e.workspaceId);
    if (list) list.push(e);
    else out.set(e.workspaceId, [e]);
  }
  return out;
}

/** Whether the subscriber wants events of this type. */
export function wantsEvent(subscriber: EventSubscriber, type: string): boolean {
  return subscriber.types === '*' || (subscriber.types as readonly string[]).includes(type);
}
