/** Slug rules shared by articles and categories. */
import { invalid } from '../../platform/errors.js';

export const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

/**
 * Path segments of the public API under /api/support/kb/: an article with one of these slugs could
 * never be reached by its URL.
 */
const RESERVED = new Set(['categories', 'search', 'suggest', 'deflection', 'feed', 'sitemap']);

export function assertSlugAllowed(slug: string, path = 'slug'): void {
  if (RESERVED.has(slug)) throw invalid(path, `"${slug}" is reserved; choose another slug`);
}
