/** The agent desk's own state kept on the server: saved inbox views (0036), dismissed duplicates (0045). */
import type { Generated } from 'kysely';
import type { CreatedAt } from './columns.js';

/** An agent's named inbox state (the desk's query string). */
export interface SavedViewsTable {
  id: Generated<number>;
  workspace_id: number;
  user_id: number;
  name: string;
  query: Generated<string>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** "Not a duplicate": a pair of tickets never suggested as duplicates again, smaller id first (0045). */
export interface TicketDuplicateDismissalsTable {
  id: Generated<number>;
  workspace_id: number;
  low_ticket_id: number;
  high_ticket_id: number;
  /** The ticket whose notice was dismissed. */
  ticket_id: number;
  dismissed_by_id: number | null;
  dismissed_at: CreatedAt;
}
