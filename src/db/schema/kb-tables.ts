/** Tables of the knowledge base added by migration 0010 (the seed's KB tables are in support-tables.ts). */
import type { Generated } from 'kysely';
import type { CreatedAt, Nullable } from './columns.js';

/** An earlier slug of an article, so links to it keep working after a rename. */
export interface KbArticleSlugHistoryTable {
  workspace_id: number;
  language: string;
  slug: string;
  article_id: number;
  created_at: CreatedAt;
}

/** The vocabulary of published articles (maintained by triggers) for "did you mean". */
export interface KbSearchWordsTable {
  workspace_id: number;
  language: string;
  word: string;
  doc_count: number;
}

/** BM25 document frequencies: published articles per lexeme, workspace and language (triggers, 0027). */
export interface KbTermStatsTable {
  workspace_id: number;
  language: string;
  lexeme: string;
  doc_count: number;
}

/** BM25 corpus size: published articles and the sum of their search_vector lengths (triggers, 0027). */
export interface KbCorpusStatsTable {
  workspace_id: number;
  language: string;
  doc_count: number;
  total_length: string;
}

/** A search that found nothing, counted per query and language. */
export interface KbSearchMissesTable {
  id: Generated<number>;
  workspace_id: number;
  language: string;
  query: string;
  count: Generated<number>;
  first_seen_at: CreatedAt;
  last_seen_at: CreatedAt;
}

export const DEFLECTION_EVENTS = [
  'suggestions_shown',
  'article_opened',
  'left_without_ticket',
  'ticket_submitted',
] as const;
export type DeflectionEvent = (typeof DEFLECTION_EVENTS)[number];

/** What a visitor did with the articles suggested while writing a ticket. */
export interface KbDeflectionEventsTable {
  id: Generated<number>;
  workspace_id: number;
  session_id: string;
  event: DeflectionEvent;
  article_id: Nullable<number>;
  created_at: CreatedAt;
}
