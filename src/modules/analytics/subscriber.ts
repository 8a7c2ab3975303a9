/**
 * The `ticket-stats` subscriber: after each committed ticket event it refreshes that ticket's rollups.
 * A subscriber rather than work inside the ticket transactions: writes stay as fast as before, the
 * tickets module knows nothing of reports, and a refresh recomputes the ticket from what is committed,
 * so events delivered twice or late still leave the right numbers (refreshes are idempotent).
 */
import type { Database } from '../../db/client.js';
import { inWorkspace } from '../../db/tenant.js';
import type { EventType } from '../../platform/events/catalogue.js';
import {
  eventsByWorkspace,
  type EventSubscriber,
  type StoredEvent,
} from '../../platform/events/subscriber.js';
import { refreshTicketStats } from './refresh-ticket-stats.js';

/** Every event that can change a figure of a ticket. */
export const STATS_EVENTS = [
  'ticket.created',
  'ticket.updated',
  'ticket.status_changed',
  'ticket.assigned',
  'ticket.escalated',
  'ticket.rated',
  'message.created',
  'sla.breached',
] as const satisfies readonly EventType[];

export function ticketIdOf(event: StoredEvent): number | null {
  const id = event.payload.ticket_id;
  if (typeof id === 'number') return id;
  return event.subjectType === 'ticket' ? event.subjectId : null;
}

export function ticketStatsSubscriber(deps: { db: Database; now: () => Date }): EventSubscriber {
  return {
    name: 'ticket-stats',
    types: STATS_EVENTS,
    async handle(event) {
      const ticketId = ticketIdOf(event);
      if (ticketId === null) return;
      await inWorkspace(deps.db, event.workspaceId, (tx) =>
        refreshTicketStats({ tx, workspaceId: event.workspaceId, now: deps.now() }, [ticketId]),
      );
    },
    // One refresh per workspace for all the tickets the events touched (a ticket once).
    async handleBatch(events) {
      for (const [workspaceId, list] of eventsByWorkspace(events)) {
        const ids = [...new Set(list.map(ticketIdOf).filter((id): id is number => id !== null))];
        if (ids.length === 0) continue;
        await inWorkspace(deps.db, workspaceId, (tx) =>
          refreshTicketStats({ tx, workspaceId, now: deps.now() }, ids),
        );
      }
    },
  };
}
