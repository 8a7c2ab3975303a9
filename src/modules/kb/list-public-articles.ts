/**
 * The help centre's article list and category tree, in the visitor's language: published articles
 * outside inactive categories, newest (or most read) first, filtered by category (with its
 * sub-categories) and tag.
 */
import type { Tx } from '../../db/tenant.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination.js';
import * as categories from './category-repository.js';
import { presentCategoryTree, type PublicCategoryNode } from './category-presenter.js';
import { subtreeIds } from './category-tree.js';
import { presentPublicSummary, type PublicArticleSummary } from './presenter.js';
import { languageFor, loadPublicKb, visibleCategory, type LanguageRequest } from './public-kb.js';
import * as repo from './repository.js';

export interface LanguageInfo {
  /** The language served. */
  language: string;
  requested_language: string;
  /** True when the requested language has no articles and the default language is served. */
  language_fallback: boolean;
}

export interface PublicListRequest extends LanguageRequest {
  workspaceId: number;
  /** Category id or slug. */
  category?: string | undefined;
  tag?: string | undefined;
  sort?: 'newest' | 'popular' | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listPublicArticles(
  tx: Tx,
  request: PublicListRequest,
): Promise<LanguageInfo & { results: PublicArticleSummary[]; next_cursor: string | null }> {
  const kb = await loadPublicKb(tx, request.workspaceId);
  const choice = languageFor(kb, request);
  const cursor = decodeCursor(request.cursor);
  const sort = request.sort ?? 'newest';
  const scope = request.category
    ? [...subtreeIds(kb.categories, visibleCategory(kb, request.category, choice.language).id)].filter((id) =>
        kb.visible.has(id),
      )
    : null;
  const rows = await repo.listPublicRows(tx, kb.workspaceId, {
    language: choice.language,
    visibleCategoryIds: [...kb.visible],
    categoryIds: scope,
    tag: request.tag?.trim().toLowerCase() || null,
    sort,
    limit: request.limit,
    after: cursor && cursor.v !== null ? { v: cursor.v, id: cursor.id } : null,
  });
  const more = rows.length > request.limit;
  const served = more ? rows.slice(0, request.limit) : rows;
  const last = served[served.length - 1];
  return {
    language: choice.language,
    requested_language: choice.requested,
    language_fallback: choice.fallback,
    results: served.map(presentPublicSummary),
    next_cursor:
      more && last
        ? encodeCursor({
            v: sort === 'popular' ? last.view_count : (last.published_at ?? last.created_at).toISOString(),
            id: last.id,
          })
        : null,
  };
}

/** The visible category tree of the visitor's language, with published-article counts. */
export async function listPublicCategories(
  tx: Tx,
  request: LanguageRequest & { workspaceId: number },
): Promise<LanguageInfo & { results: PublicCategoryNode[] }> {
  const kb = await loadPublicKb(tx, request.workspaceId);
  const choice = languageFor(kb, request);
  const counts = await categories.publishedCounts(tx, kb.workspaceId, choice.language);
  const shown = kb.categories.filter((c) => c.language === choice.language && kb.visible.has(c.id));
  return {
    language: choice.language,
    requested_language: choice.requested,
    language_fallback: choice.fallback,
    results: presentCategoryTree(shown, counts),
  };
}
