/** How a demo ticket is described: the story; demo-thread.ts turns it into rows with timestamps. */
import type { TicketChannel, TicketStatus } from '../../db/schema.js';
import type { CustomerKey, StaffKey } from './demo-constants.js';
import type { CategorySlug, PriorityCode, TagSlug, TeamKey } from './demo-settings-data.js';

export interface DemoTicketSpec {
  subject: string;
  /** Also the customer's first message. */
  description: string;
  customer: CustomerKey;
  category: CategorySlug;
  priority: PriorityCode;
  status: TicketStatus;
  channel: TicketChannel;
  /** Whole days before DEMO_ANCHOR the ticket was opened. */
  daysAgo: number;
  assignee?: StaffKey;
  /** 'escalations' means the ticket started in First line and was escalated. Default: First line. */
  team?: TeamKey;
  order?: string;
  consignment?: string;
  tags?: TagSlug[];
  /** The first agent answer (every status but new; a cancelled ticket may have none). */
  reply?: string;
  /** An internal note after the reply. */
  note?: string;
  /** The customer's answer (for a cancelled ticket: the request to cancel). */
  followUp?: string;
  /** The agent's closing message on resolved and closed tickets. */
  resolution?: string;
  /** Only on resolved and closed tickets. */
  rating?: { score: 1 | 2 | 3 | 4 | 5; comment?: string };
}
