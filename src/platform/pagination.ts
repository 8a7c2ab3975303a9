/**
 * Keyset (cursor) pagination: `?limit=` (default 25, max 100) and an opaque `?cursor=` that encodes the
 * sort value and id of the last row served. No OFFSET, so page 1,000 costs what page 1 costs.
 */
import { invalid } from './errors.js';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

export interface Cursor {
  /** The sort column's value of the last row (ISO string for timestamps, null for NULLs). */
  v: string | number | null;
  id: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Decodes a cursor from the query string; 400 when it was not made by encodeCursor. */
export function decodeCursor(raw: string | undefined): Cursor | null {
  if (raw === undefined || raw === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'id' in parsed && 'v' in parsed) {
      const { id, v } = parsed;
      if (
        typeof id === 'number' &&
        Number.isSafeInteger(id) &&
        (v === null || typeof v === 'string' || typeof v === 'number')
      ) {
        return { id, v };
      }
    }
  } catch {
    // fall through
  }
  throw invalid('cursor', 'is not a cursor returned by this list');
}

export interface Page<T> {
  results: T[];
  next_cursor: string | null;
}

/**
 * Builds a page from rows fetched with limit + 1: the extra row only says that there is a next page.
 */
export function pageOf<R extends { id: number }, T>(
  rows: R[],
  limit: number,
  sortValue: (row: R) => string | number | null,
  present: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const served = more ? rows.slice(0, limit) : rows;
  const last = served[served.length - 1];
  return {
    results: served.map(present),
    next_cursor: more && last ? encodeCursor({ v: sortValue(last), id: last.id }) : null,
  };
}

/** JSON-schema fragment for the two query parameters. */
export const PAGINATION_QUERY = {
  limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
  cursor: { type: 'string', maxLength: 500 },
} as const;
