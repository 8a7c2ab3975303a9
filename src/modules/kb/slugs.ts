/** Slug rules shared by articles and categories. */
import { invalid } from '../../platform/errors.js';

export const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

/**
 * Longest article or category slug: the router's limit on one path parameter (MAX_PARAM_LENGTH), so
 * every slug search and the sitemap list can be opened. The database checks it too (migration 0016).
 */
export const MAX_SLUG_LENGTH = 100;

/**
 * Path segments of the public API under /api/support/kb/: an article with one of these slugs could
 * never be reached by its URL.
 */
const RESERVED = new Set(['categories', 'search', 'suggest', 'deflection', 'feed', 'sitemap']);

export function assertSlugAllowed(slug: string, path = 'slug'): void {
  if (RESERVED.has(slug)) throw invalid(path, `"${slug}" is reserved; choose another slug`);
}
