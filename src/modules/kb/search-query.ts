/**
 * What a visitor typed, prepared for search: web-search syntax stays as it is (websearch_to_tsquery
 * reads "quotes", OR and -word), the unfinished last word becomes a prefix, and the plain words are
 * listed for typo correction.
 */

/** Longest query kept (longer input is cut at a word boundary). */
export const MAX_QUERY_LENGTH = 200;
/** A last word shorter than this is matched whole: "de:*" would match half the dictionary. */
const MIN_PREFIX_LENGTH = 3;

export interface ParsedQuery {
  /** The query as searched: trimmed, whitespace collapsed, at most MAX_QUERY_LENGTH characters. */
  full: string;
  /** The query without the prefix word (all of it when there is no prefix). */
  text: string;
  /** The unfinished last word, matched as a prefix; null when the query ends in a complete token. */
  prefix: string | null;
  /** Words typo correction may replace: not negated, not the OR keyword, at least 3 letters. */
  words: string[];
  /** Every word that is not negated (nor the OR keyword, nor the prefix): the relaxed any-word query. */
  positive: string[];
  /** Words the visitor excluded with a leading "-". */
  negated: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Trims, collapses whitespace, drops control characters and cuts the query to MAX_QUERY_LENGTH. */
export function normaliseQuery(raw: string): string {
  let q = raw.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  if (q.length > MAX_QUERY_LENGTH) {
    q = q.slice(0, MAX_QUERY_LENGTH);
    const cut = q.lastIndexOf(' ');
    if (cut > MAX_QUERY_LENGTH / 2) q = q.slice(0, cut);
  }
  return q;
}

/** Parses a query into its full-text part, the prefix word and the correctable words. */
export function parseQuery(raw: string): ParsedQuery {
  const full = normaliseQuery(raw);
  // "retu" is still being typed; "return " (with a space) is finished.
  const endsOpen = !/\s$/.test(raw);
  const last = /(^|\s)([\p{L}\p{N}]+)$/u.exec(full);
  const quotes = (full.match(/"/g) ?? []).length;
  let prefix: string | null = null;
  let text = full;
  if (last?.[2] && endsOpen && quotes % 2 === 0 && last[2].length >= MIN_PREFIX_LENGTH) {
    const before = full.slice(0, full.length - last[2].length).trimEnd();
    const previous = /(\S+)$/.exec(before)?.[1];
    if (last[2].toLowerCase() !== 'or' && previous?.toLowerCase() !== 'or') {
      prefix = last[2];
      text = before;
    }
  }
  const { positive, negated } = splitWords(text);
  return {
    full,
    text,
    prefix,
    words: [...positive, ...(prefix ? [prefix] : [])]
      .filter((w) => w.length >= 3 && !/^\p{N}+$/u.test(w))
      .slice(0, 12),
    positive,
    negated,
  };
}

function splitWords(text: string): { positive: string[]; negated: string[] } {
  const positive = new Set<string>();
  const negated = new Set<string>();
  let inQuotes = false;
  for (const token of text.split(/(")/)) {
    if (token === '"') {
      inQuotes = !inQuotes;
      continue;
    }
    for (const m of token.matchAll(WORD)) {
      const excluded =
        !inQuotes &&
        m.index > 0 &&
        token[m.index - 1] === '-' &&
        !/[\p{L}\p{N}]/u.test(token[m.index - 2] ?? ' ');
      if (excluded) negated.add(m[0]);
      else if (m[0].toLowerCase() !== 'or' || inQuotes) positive.add(m[0]);
    }
  }
  return { positive: [...positive], negated: [...negated] };
}

/** Replaces whole words of the query by their corrections (the keys are words as parseQuery listed them). */
export function applyCorrections(full: string, corrections: ReadonlyMap<string, string>): string {
  return full.replace(WORD, (w) => corrections.get(w) ?? w);
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment): "refnud" → "refund" is 1.
 * Trigram similarity finds the candidates; this picks the closest.
 */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i]!;
      const up = d[i - 1]!;
      let best = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      row[j] = best;
    }
  }
  return d[m]![n]!;
}

/** Lower-case without accents, as the database's kb_fold() compares words. */
export function foldWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss');
}

/** Shortest part of a compound word worth looking up ("rate" yes, "ab" no). */
const MIN_PIECE = 4;

/** The prefixes and suffixes of a (folded) word that could be parts of a compound, longest first. */
export function compoundPieces(word: string): { prefixes: string[]; suffixes: string[] } {
  const prefixes: string[] = [];
  const suffixes: string[] = [];
  for (let n = word.length - 3; n >= MIN_PIECE; n--) {
    prefixes.push(word.slice(0, n));
    suffixes.push(word.slice(word.length - n));
  }
  return { prefixes, suffixes };
}
