/**
 * Knowledge-base search: weighted full text in the language's configuration (title > tags > excerpt and
 * meta description > body), web-search syntax, the unfinished last word as a prefix, BM25 ranking with
 * the workspace's term statistics (migration 0027) and <mark>-highlighted snippets. Every word must
 * match first; when that finds less than a page, any word may
 * (ranked by how many and where), with misspelt words corrected from the vocabulary of published
 * articles ("did you mean"); when that finds nothing either, titles and tags with a similar word
 * answer. Searches that find nothing are counted for the admins.
 */
import type { Tx } from '../../db/tenant.js';
import { invalid } from '../../platform/errors.js';
import { markedToHtml } from './highlight.js';
import {
  applyCorrections,
  compoundPieces,
  editDistance,
  foldWord,
  parseQuery,
  type ParsedQuery,
} from './search-query.js';
import * as repo from './search-repository.js';

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 100;
/** Fewer every-word hits than a full page (or this), and any-word matching (with corrections) is tried. */
const FEW_HITS = 3;
/** Shorter words are not corrected. */
const MIN_CORRECTED_LENGTH = 5;

export interface SearchArticlesInput {
  workspaceId: number;
  query: string;
  /** The articles' language; the workspace's default language when omitted. */
  language?: string;
  /** Only this category and its sub-categories. */
  categoryId?: number;
  tag?: string;
  limit?: number;
  cursor?: string;
  /** Staff search: every status (or these), inactive categories included. Default: the public view. */
  staff?: { statuses?: string[] };
  /** Count a search that finds nothing (default true; ticket suggestions pass false). */
  recordMiss?: boolean;
  /** When the miss is counted (default: now). */
  now?: Date;
}

export interface SearchHit {
  id: number;
  slug: string;
  title: string;
  language: string;
  excerpt: string;
  /** HTML: the text is escaped, the matched words are wrapped in <mark>. */
  snippet: string;
  /** HTML: the title with its matched words in <mark>. */
  title_html: string;
  category_id: number | null;
  /** 0..1, higher is better; comparable within one result list. */
  rank: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** True when misspelt words were corrected or similar titles answered instead of full text. */
  corrected: boolean;
  /** The query with its corrections ("did you mean"), when words were corrected. */
  corrected_query: string | null;
  /** The cursor of the next page, or null. */
  next_cursor: string | null;
  /** The language searched. */
  language: string;
}

/** 'all': every word must match; 'any': one word is enough (plus corrections); 'similar': trigram match on titles and tags. */
type Mode = 'all' | 'any' | 'similar';

interface SearchCursor {
  r: number;
  id: number;
  m: Mode;
  c?: string;
}

function encodeCursor(c: SearchCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string): SearchCursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<SearchCursor>;
    if (
      typeof c.r === 'number' &&
      Number.isFinite(c.r) &&
      typeof c.id === 'number' &&
      Number.isSafeInteger(c.id) &&
      (c.m === 'all' || c.m === 'any' || c.m === 'similar') &&
      (c.c === undefined || typeof c.c === 'string')
    ) {
      return { r: c.r, id: c.id, m: c.m, ...(c.c !== undefined ? { c: c.c } : {}) };
    }
  } catch {
    // fall through
  }
  throw invalid('cursor', 'is not a cursor returned by this search');
}

/** Picks, for each misspelt word, the closest vocabulary word within a small edit distance. */
async function corrections(
  tx: Tx,
  workspaceId: number,
  language: string,
  parsed: ParsedQuery,
): Promise<string | null> {
  // Four letters leave too little to tell a typo from another word ("here" is one edit from "three").
  const words = parsed.words.filter((w) => w.length >= MIN_CORRECTED_LENGTH);
  const candidates = await repo.wordCandidates(tx, workspaceId, language, words, parsed.prefix);
  const best = new Map<string, { word: string; distance: number }>();
  for (const c of candidates) {
    const word = c.word.toLowerCase();
    const distance = editDistance(word, c.candidate);
    const allowed = word.length <= 7 ? 2 : 3;
    const current = best.get(c.word);
    // Candidates arrive best-similarity first, so ties keep the more similar, more used word.
    if (distance <= allowed && (!current || distance < current.distance)) {
      best.set(c.word, { word: c.candidate, distance });
    }
  }
  if (best.size === 0) return null;
  const corrected = applyCorrections(parsed.full, new Map([...best].map(([k, v]) => [k, v.word])));
  return corrected !== parsed.full ? corrected : null;
}

interface Page {
  mode: Mode;
  ranked: repo.RankedId[];
  tsquery: string | null;
  correctedQuery: string | null;
}

/**
 * Parts of compound words the articles do not use as such ("Ratenzahlung" → "raten", "zahlung";
 * "zurückschicken" → "zuruck"): the longest known prefix and suffix of each unknown long word.
 */
async function compoundParts(
  tx: Tx,
  workspaceId: number,
  language: string,
  parsed: ParsedQuery,
): Promise<string[]> {
  const words = parsed.words.map(foldWord).filter((w) => w.length >= 8);
  if (words.length === 0) return [];
  const pieces = words.map((w) => ({ word: w, ...compoundPieces(w) }));
  const known = await repo.knownWords(tx, workspaceId, language, [
    ...new Set(pieces.flatMap((p) => [p.word, ...p.prefixes, ...p.suffixes])),
  ]);
  const parts: string[] = [];
  for (const p of pieces) {
    if (known.has(p.word)) continue;
    const prefix = p.prefixes.find((x) => known.has(x));
    const suffix = p.suffixes.find((x) => known.has(x));
    if (prefix) parts.push(prefix);
    if (suffix) parts.push(suffix);
  }
  return parts;
}

/** The words of a corrected query that are searched for (not its excluded ones). */
function correctedWords(correctedQuery: string | null): string[] {
  if (!correctedQuery) return [];
  const c = parseQuery(correctedQuery);
  return [...c.positive, ...(c.prefix ? [c.prefix] : [])];
}

async function runMode(
  tx: Tx,
  scope: repo.SearchScope & { language: string },
  parsed: ParsedQuery,
  mode: Mode,
  correctedQuery: string | null,
  after: repo.After | null,
  limit: number,
  /** The tsquery of a search already made: not searched again (see repo.rankedIds). */
  searched: string | null = null,
): Promise<Page> {
  if (mode === 'similar') {
    const ranked = await repo.similarTitleIds(tx, scope, parsed.full, after, limit);
    return { mode, ranked, tsquery: null, correctedQuery };
  }
  const { tsquery, ranked } = await repo.rankedIds(
    tx,
    scope,
    mode === 'all'
      ? { mode, text: parsed.text, prefix: parsed.prefix }
      : {
          mode,
          words: [
            ...parsed.positive,
            ...correctedWords(correctedQuery),
            ...(await compoundParts(tx, scope.workspaceId, scope.language, parsed)),
          ].join(' '),
          prefix: parsed.prefix,
          exclude: parsed.negated.join(' '),
        },
    after,
    limit,
    searched,
  );
  return { mode, ranked, tsquery, correctedQuery };
}

/** Searches the knowledge base; see the module comment for the steps. */
export async function searchArticles(tx: Tx, input: SearchArticlesInput): Promise<SearchResult> {
  const language = (input.language ?? (await repo.workspaceLanguage(tx, input.workspaceId))).toLowerCase();
  const limit = Math.min(Math.max(input.limit ?? DEFAULT_SEARCH_LIMIT, 1), MAX_SEARCH_LIMIT);
  const parsed = parseQuery(input.query);
  const empty: SearchResult = {
    hits: [],
    corrected: false,
    corrected_query: null,
    next_cursor: null,
    language,
  };
  if (!parsed.full) return empty;
  const scope = {
    workspaceId: input.workspaceId,
    language,
    public: !input.staff,
    statuses: input.staff?.statuses ?? null,
    categoryId: input.categoryId ?? null,
    tag: input.tag?.trim().toLowerCase() || null,
  };

  let page: Page;
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    page = await runMode(tx, scope, parsed, c.m, c.c ?? null, { rank: c.r, id: c.id }, limit + 1);
  } else {
    page = await runMode(tx, scope, parsed, 'all', null, null, limit + 1);
    // A quoted phrase is a precise request: it is not relaxed. Short of a full page, any word may
    // match: BM25 ranks the articles with more (and rarer) of the words first anyway.
    if (page.ranked.length <= Math.max(limit, FEW_HITS - 1) && !parsed.full.includes('"')) {
      // Chatty questions rarely share every word with the answer; misspelt words share none.
      const correctedQuery = await corrections(tx, input.workspaceId, language, parsed);
      // One word, nothing corrected: the any-word query is the same tsquery, already searched.
      const relaxed = await runMode(tx, scope, parsed, 'any', correctedQuery, null, limit + 1, page.tsquery);
      if (relaxed.ranked.length > page.ranked.length) page = relaxed;
    }
    if (page.ranked.length === 0) {
      const similar = await runMode(tx, scope, parsed, 'similar', null, null, limit + 1);
      if (similar.ranked.length > 0) page = similar;
    }
    if (page.ranked.length === 0 && input.recordMiss !== false) {
      await repo.recordMiss(
        tx,
        input.workspaceId,
        language,
        parsed.full.toLowerCase(),
        input.now ?? new Date(),
      );
    }
  }

  const more = page.ranked.length > limit;
  const served = more ? page.ranked.slice(0, limit) : page.ranked;
  const rows = new Map(
    (
      await repo.hitRows(
        tx,
        input.workspaceId,
        served.map((r) => r.id),
        page.tsquery,
      )
    ).map((r) => [r.id, r]),
  );
  const hits: SearchHit[] = [];
  for (const r of served) {
    const row = rows.get(r.id);
    if (!row) continue;
    hits.push({
      id: row.id,
      slug: row.slug,
      title: row.title,
      language: row.language,
      excerpt: row.excerpt,
      snippet: markedToHtml(row.snippet),
      title_html: markedToHtml(row.title_marked),
      category_id: row.category_id,
      rank: r.rank,
    });
  }
  const last = served[served.length - 1];
  return {
    hits,
    corrected: page.mode === 'similar' || page.correctedQuery !== null,
    corrected_query: page.correctedQuery,
    next_cursor:
      more && last
        ? encodeCursor({
            r: last.rank,
            id: last.id,
            m: page.mode,
            ...(page.correctedQuery ? { c: page.correctedQuery } : {}),
          })
        : null,
    language,
  };
}
