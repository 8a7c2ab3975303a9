/** The agent desk's own state kept on the server: saved inbox views (0036). */
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
