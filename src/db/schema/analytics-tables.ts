/** Reporting rollups (0026, 0054) and satisfaction surveys (0033). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Nullable, NullableTimestamp } from './columns.js';

/** One count a ticket adds to ticket_stat_daily: on `day` (workspace time zone), `metric` with `key`. */
export interface StatContribution {
  day: string;
  metric: string;
  key: string;
  n: number;
}

/** One row per ticket: what the reports read of it, and its contributions to the daily rollup. */
export interface TicketStatFactsTable {
  workspace_id: number;
  ticket_id: number;
  created_at: ColumnType<Date, Date | string, Date | string>;
  status: string;
  channel: string;
  category_id: Nullable<number>;
  priority_id: number;
  team_id: Nullable<number>;
  assigned_to_id: Nullable<number>;
  first_response_at: NullableTimestamp;
  first_response_seconds: Nullable<number>;
  first_response_business_seconds: Nullable<number>;
  resolved_at: NullableTimestamp;
  resolution_seconds: Nullable<number>;
  resolution_business_seconds: Nullable<number>;
  response_breached: Generated<boolean>;
  resolution_breached: Generated<boolean>;
  rating: Nullable<number>;
  /** 'YYYY-MM-DD' */
  last_day: string;
  contributions: ColumnType<StatContribution[], string | undefined, string>;
  refreshed_at: CreatedAt;
}

/** Per workspace, day, metric and key: a count (the sum of the facts' contributions). */
export interface TicketStatDailyTable {
  workspace_id: number;
  /** 'YYYY-MM-DD' */
  day: string;
  metric: string;
  key: Generated<string>;
  n: number;
}

/** The filter dimensions of the report, each with its own rollup (0054). */
export type StatDimension = 'team' | 'agent' | 'category' | 'priority' | 'channel';

/** ticket_stat_daily per filter dimension and the tickets' current value of it. */
export interface TicketStatDimsTable {
  workspace_id: number;
  dim: StatDimension;
  value: string;
  /** 'YYYY-MM-DD' */
  day: string;
  metric: string;
  key: Generated<string>;
  n: number;
}

/** Knowledge-base article views per day (counted by a trigger on kb_article_views). */
export interface KbDailyViewsTable {
  workspace_id: number;
  /** 'YYYY-MM-DD' */
  day: string;
  views: Generated<number>;
}

/** Whether and when resolved tickets' customers get a satisfaction survey. */
export interface SatisfactionSettingsTable {
  workspace_id: number;
  survey_enabled: Generated<boolean>;
  delay_minutes: Generated<number>;
  link_valid_days: Generated<number>;
  updated_at: CreatedAt;
}

/** A survey mailed for one resolution of a ticket. */
export interface SatisfactionSurveysTable {
  workspace_id: number;
  ticket_id: number;
  resolved_at: ColumnType<Date, Date | string, Date | string>;
  outbound_email_id: Nullable<number>;
  sent_at: CreatedAt;
}
