/**
 * The ports through which ticket use cases reach the modules built on top of tickets (dependency
 * inversion: sla and assignment import tickets, so tickets cannot import them). The composition
 * (src/ticket-hooks.ts) plugs in their implementations; routes receive them in their options.
 *
 * Each hook runs in the change's transaction, after the ticket row was written (newClocks: before).
 */
import type { SupportTicket } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { Actor } from '../../platform/events.js';
import type { FieldChange } from './history.js';

export interface TicketHooks {
  /**
   * Recomputes and stores the ticket's SLA clock (modules/sla). `record` writes ticket_history rows for
   * the changed SLA and dues; `before` is what changes are measured against when the caller already
   * wrote part of the change.
   */
  refreshDues(
    ctx: { tx: Tx; now: Date; actor: Actor; record: boolean },
    current: SupportTicket,
    before?: SupportTicket,
  ): Promise<{ ticket: SupportTicket; changes: FieldChange[] }>;
  /**
   * The SLA clock columns of tickets about to be created (createTickets), in the order given, for their
   * INSERT: what refreshDues would write right after it (no history: nothing changed yet).
   */
  newClocks(
    ctx: { tx: Tx; now: Date },
    drafts: Pick<SupportTicket, 'workspace_id' | 'priority_id' | 'category_id' | 'created_at'>[],
  ): Promise<Partial<Omit<SupportTicket, 'id' | 'workspace_id' | 'ticket_number'>>[]>;
  /**
   * Routes a new ticket (modules/assignment): to the category's default assignee (logged), else to the
   * category's team, whose mode picks an agent or leaves it queued. Returns the ticket as it is now.
   */
  routeArrival(
    tx: Tx,
    arrival: {
      ticket: SupportTicket;
      assignee: number | null;
      teamId: number | null;
      categorySlug: string | null;
      /** Why the ticket goes to teamId when it is not the category's team (the routing log's reason). */
      reason?: string;
      now: Date;
      actor: Actor;
    },
  ): Promise<SupportTicket>;
}
