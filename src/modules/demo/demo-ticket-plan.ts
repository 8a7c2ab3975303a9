/** The 60 demo tickets in creation order, numbered DEMO-1 … DEMO-60, with their conversations. */
import { DEMO_CUSTOMERS, DEMO_WORKSPACE } from './demo-constants.js';
import { DEMO_CATEGORIES, type SlaKey } from './demo-settings-data.js';
import { buildThread, type DemoThread } from './demo-thread.js';
import type { DemoTicketSpec } from './demo-ticket-spec.js';
import { BILLING_TICKETS } from './demo-tickets-billing.js';
import { DAMAGED_TICKETS } from './demo-tickets-damaged.js';
import { DELIVERY_TICKETS } from './demo-tickets-delivery.js';
import { ORDER_TICKETS } from './demo-tickets-orders.js';

export const DEMO_TICKET_SPECS: readonly DemoTicketSpec[] = [
  ...ORDER_TICKETS,
  ...DELIVERY_TICKETS,
  ...DAMAGED_TICKETS,
  ...BILLING_TICKETS,
];

export interface PlannedTicket {
  ticketNumber: string;
  spec: DemoTicketSpec;
  thread: DemoThread;
  sla: SlaKey;
}

/** VIP customers get Premium; otherwise the category's SLA (or its parent's), else the default. */
function slaFor(spec: DemoTicketSpec): SlaKey {
  if (spec.tags?.includes('vip')) return 'premium';
  const category = DEMO_CATEGORIES.find((c) => c.slug === spec.category);
  const parent = category?.parent ? DEMO_CATEGORIES.find((c) => c.slug === category.parent) : undefined;
  return category?.sla ?? parent?.sla ?? 'standard';
}

/** Ticket numbers follow creation time, as they would have in real life. */
export function planDemoTickets(): PlannedTicket[] {
  return DEMO_TICKET_SPECS.map((spec, index) => {
    const customer = DEMO_CUSTOMERS.find((c) => c.key === spec.customer);
    return { spec, index, thread: buildThread(spec, index, customer?.name ?? '') };
  })
    .sort((a, b) => a.thread.createdAt.getTime() - b.thread.createdAt.getTime() || a.index - b.index)
    .map(({ spec, thread }, i) => ({
      ticketNumber: `${DEMO_WORKSPACE.ticketPrefix}-${i + 1}`,
      spec,
      thread,
      sla: slaFor(spec),
    }));
}
