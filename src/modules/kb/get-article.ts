/** Staff reads of articles: one with its translations and earlier slugs, and the filtered list. */
import type { ArticleStatus } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { invalid, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor, type Page } from '../../platform/pagination.js';
import * as categories from './category-repository.js';
import { subtreeIds } from './category-tree.js';
import { normaliseLanguage } from './language.js';
import { presentAdminArticle, type AdminArticleView } from './presenter.js';
import * as repo from './repository.js';
import { searchArticles } from './search-articles.js';

/** One article as staff see it (404 for unknown or another workspace's ids). */
export async function getAdminArticle(tx: Tx, workspaceId: number, id: number): Promise<AdminArticleView> {
  const row = await repo.findArticle(tx, workspaceId, id);
  if (!row) throw notFound('article');
  const [translations, previous] = await Promise.all([
    repo.translationsOf(tx, workspaceId, row.translation_group_id),
    repo.previousSlugs(tx, workspaceId, id),
  ]);
  return presentAdminArticle(row, translations, previous);
}

export interface AdminArticleQuery {
  status?: string;
  language?: string;
  category?: number;
  tag?: string;
  author?: number;
  q?: string;
  limit: number;
  cursor?: string;
}

/**
 * The staff list: most recently changed first, or with `q` by relevance (the same search as the help
 * centre, over every status and category).
 */
export async function listAdminArticles(
  tx: Tx,
  workspaceId: number,
  query: AdminArticleQuery,
): Promise<Page<AdminArticleView>> {
  const status = query.status ? (query.status.split(',') as ArticleStatus[]) : undefined;
  const language = query.language ? normaliseLanguage(query.language) : undefined;
  if (query.category !== undefined && !(await categories.findCategory(tx, workspaceId, query.category))) {
    throw invalid('category', 'no such category');
  }
  const tag = query.tag?.trim().toLowerCase() || undefined;
  const present = async (rows: repo.ArticleRow[]) => {
    const [translations, slugs] = await Promise.all([
      repo.translationsOfGroups(tx, workspaceId, [...new Set(rows.map((r) => r.translation_group_id))]),
      repo.previousSlugsOf(
        tx,
        workspaceId,
        rows.map((r) => r.id),
      ),
    ]);
    return rows.map((r) =>
      presentAdminArticle(
        r,
        translations.filter((t) => t.translation_group_id === r.translation_group_id),
        slugs.filter((s) => s.article_id === r.id).map((s) => s.slug),
      ),
    );
  };

  if (query.q?.trim()) {
    const found = await searchArticles(tx, {
      workspaceId,
      query: query.q,
      ...(language ? { language } : {}),
      ...(query.category !== undefined ? { categoryId: query.category } : {}),
      ...(tag ? { tag } : {}),
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
      staff: status ? { statuses: status } : {},
      recordMiss: false,
    });
    const rows = await repo.articlesByIds(
      tx,
      workspaceId,
      found.hits.map((h) => h.id),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = found.hits.map((h) => byId.get(h.id)).filter((r): r is repo.ArticleRow => !!r);
    const filtered = ordered.filter((r) => query.author === undefined || r.author_id === query.author);
    return { results: await present(filtered), next_cursor: found.next_cursor };
  }

  const cursor = decodeCursor(query.cursor);
  const rows = await repo.listAdminRows(tx, workspaceId, {
    ...(status ? { status } : {}),
    ...(language ? { language } : {}),
    ...(query.category !== undefined
      ? { categoryIds: [...subtreeIds(await categories.allCategories(tx, workspaceId), query.category)] }
      : {}),
    ...(tag ? { tag } : {}),
    ...(query.author !== undefined ? { authorId: query.author } : {}),
    limit: query.limit,
    after: cursor ? { updatedAt: String(cursor.v), id: cursor.id } : null,
  });
  const more = rows.length > query.limit;
  const served = more ? rows.slice(0, query.limit) : rows;
  const last = served[served.length - 1];
  return {
    results: await present(served),
    next_cursor: more && last ? encodeCursor({ v: last.updated_at.toISOString(), id: last.id }) : null,
  };
}
