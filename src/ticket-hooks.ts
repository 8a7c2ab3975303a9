/**
 * Composition: the ticket use cases' hooks (modules/tickets/hooks.ts) wired to the modules that implement
 * them. tickets sits below sla and assignment, so it cannot import them; app.ts passes these to the
 * routes that change tickets, and tests build them here too.
 */
import { routeArrival } from './modules/assignment/index.js';
import { newTicketsClocks, refreshTicketDues } from './modules/sla/index.js';
import type { TicketHooks } from './modules/tickets/index.js';

export function ticketHooks(): TicketHooks {
  return {
    refreshDues: refreshTicketDues,
    newClocks: newTicketsClocks,
    routeArrival,
  };
}
