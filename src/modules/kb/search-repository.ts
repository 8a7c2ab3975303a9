/**
 * SQL of knowledge-base search. The matching runs in the SECURITY DEFINER functions of migration 0010
 * (so the GIN indexes are used under row-level security); the rows and snippets are read here as the
 * application role, under RLS, for the ids those functions returned.
 */
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.js';

/** Which articles a search may return. */
export interface SearchScope {
  workspaceId: number;
  /** null: every language (staff search). */
  language: string | null;
  /** true: published articles outside inactive categories only. */
  public: boolean;
  /** Staff search: these statuses (null = any). Ignored when public. */
  statuses: string[] | null;
  categoryId: number | null;
  tag: string | null;
}

export interface RankedId {
  id: number;
  rank: number;
}

export interface After {
  rank: number;
  id: number;
}

/**
 * What a search looks for: `all` = every word (websearch syntax, the prefix word as a prefix); `any` = any
 * of `words` and the prefix, none of `exclude`.
 */
export type QuerySpec =
  | { mode: 'all'; text: string; prefix: string | null }
  | { mode: 'any'; words: string; prefix: string | null; exclude: string };

/**
 * The query's tsquery (as text; null when nothing searchable is left: only stop words or punctuation)
 * and the ids matching it, best first, after `after` — built and searched in one round trip. When the
 * tsquery is `unless` (a search already made), it is not searched again: no ids.
 */
export async function rankedIds(
  tx: Tx,
  scope: SearchScope & { language: string },
  query: QuerySpec,
  after: After | null,
  limit: number,
  unless: string | null = null,
): Promise<{ tsquery: string | null; ranked: RankedId[] }> {
  const tsquery =
    query.mode === 'all'
      ? sql`kb_tsquery(${scope.language}, ${query.text}, ${query.prefix})`
      : sql`kb_tsquery_any(${scope.language}, ${query.words}, ${query.prefix}, ${query.exclude})`;
  const { rows } = await sql<{ q: string | null; id: number | null; rank: number | null }>`
    SELECT x.q::text AS q, s.id, s.rank
    FROM (SELECT ${tsquery} AS q) AS x
    LEFT JOIN LATERAL kb_search_ids(
      ${scope.workspaceId}, ${scope.language},
      CASE WHEN x.q::text IS DISTINCT FROM ${unless}::text THEN x.q END, ${scope.public},
      ${scope.statuses}::text[], ${scope.categoryId}::bigint, ${scope.tag},
      ${after?.rank ?? null}::float8, ${after?.id ?? null}::bigint, ${limit}) AS s ON true
    ORDER BY s.rank DESC, s.id`.execute(tx);
  return {
    tsquery: rows[0]?.q || null,
    ranked: rows.filter((r) => r.id !== null).map((r) => ({ id: Number(r.id), rank: Number(r.rank) })),
  };
}

/** Ranked ids whose title or tags hold a word similar to `text` (the last-resort fallback). */
export async function similarTitleIds(
  tx: Tx,
  scope: SearchScope,
  text: string,
  after: After | null,
  limit: number,
): Promise<RankedId[]> {
  const { rows } = await sql<RankedId>`
    SELECT id, rank FROM kb_search_similar_titles(
      ${scope.workspaceId}, ${scope.language}, ${text}, ${scope.public},
      ${scope.statuses}::text[], ${scope.categoryId}::bigint, ${scope.tag},
      ${after?.rank ?? null}::float8, ${after?.id ?? null}::bigint, ${limit})
    ORDER BY rank DESC, id`.execute(tx);
  return rows.map((r) => ({ id: Number(r.id), rank: Number(r.rank) }));
}

export interface WordCandidate {
  word: string;
  candidate: string;
  similarity: number;
  doc_count: number;
}

/** Vocabulary words similar to each query word that no published article uses. */
export async function wordCandidates(
  tx: Tx,
  workspaceId: number,
  language: string,
  words: string[],
  prefix: string | null,
): Promise<WordCandidate[]> {
  if (words.length === 0) return [];
  const { rows } = await sql<WordCandidate>`
    SELECT word, candidate, similarity, doc_count
    FROM kb_word_candidates(${workspaceId}, ${language}, ${words}::text[], ${prefix})`.execute(tx);
  return rows;
}

// Control characters never occur in article text (the application strips them), so they can mark the
// matches while the text is still unescaped; the caller escapes and turns them into <mark>.
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';
export const FRAGMENT_GAP = '\u0003';
const SNIPPET_OPTIONS =
  `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, ShortWord=2, ` +
  `MaxFragments=2, FragmentDelimiter=${FRAGMENT_GAP}`;
const TITLE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;

export interface HitRow {
  id: number;
  slug: string;
  title: string;
  language: string;
  excerpt: string;
  category_id: number | null;
  snippet: string;
  title_marked: string;
}

/** The rows of the hits with their marked snippets (ts_headline only runs for this page's rows). */
export async function hitRows(
  tx: Tx,
  workspaceId: number,
  ids: number[],
  tsquery: string | null,
): Promise<HitRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<HitRow>`
    SELECT a.id, a.slug, a.title, a.language, a.excerpt, a.category_id,
      CASE WHEN ${tsquery}::text IS NULL THEN left(kb_body_text(a.content_text, a.content), 240)
           ELSE ts_headline(kb_search_config(a.language), kb_body_text(a.content_text, a.content),
                  ${tsquery}::tsquery, ${SNIPPET_OPTIONS}) END AS snippet,
      CASE WHEN ${tsquery}::text IS NULL THEN a.title
           ELSE ts_headline(kb_search_config(a.language), a.title, ${tsquery}::tsquery, ${TITLE_OPTIONS})
      END AS title_marked
    FROM knowledge_articles a
    WHERE a.workspace_id = ${workspaceId} AND a.id = ANY (${ids}::bigint[])`.execute(tx);
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    category_id: r.category_id === null ? null : Number(r.category_id),
  }));
}

/** Counts a search that found nothing (one row per workspace, language and query). */
export async function recordMiss(
  tx: Tx,
  workspaceId: number,
  language: string,
  query: string,
  at: Date,
): Promise<void> {
  await tx
    .insertInto('kb_search_misses')
    .values({ workspace_id: workspaceId, language, query, first_seen_at: at, last_seen_at: at })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'language', 'query']).doUpdateSet((eb) => ({
        count: eb('kb_search_misses.count', '+', 1),
        last_seen_at: at,
      })),
    )
    .execute();
}

/** The workspace's default language (lower-case). */
export async function workspaceLanguage(tx: Tx, workspaceId: number): Promise<string> {
  const row = await tx
    .selectFrom('workspaces')
    .select('default_language')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  return (row?.default_language ?? 'en').toLowerCase();
}

/** Which of `words` (folded) are in the vocabulary of published articles of the language. */
export async function knownWords(
  tx: Tx,
  workspaceId: number,
  language: string,
  words: string[],
): Promise<Set<string>> {
  if (words.length === 0) return new Set();
  const rows = await tx
    .selectFrom('kb_search_words')
    .select('word')
    .where('workspace_id', '=', workspaceId)
    .where('language', '=', language)
    .where('word', 'in', words)
    .execute();
  return new Set(rows.map((r) => r.word));
}
