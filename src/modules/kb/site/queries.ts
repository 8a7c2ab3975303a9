/**
 * SQL of the help centre's sitemap (the pages themselves read through the knowledge base's use cases).
 * Visible means what it means everywhere: published, uncategorised or in a category the public sees.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../db/tenant.js';

export interface SitemapEntry {
  id: number;
  slug: string;
  language: string;
  updated_at: Date;
  translation_group_id: number;
}

function visible(categoryIds: ReadonlySet<number>) {
  const ids = [...categoryIds];
  return sql<boolean>`a.status = 'published' AND (a.category_id IS NULL OR a.category_id = ANY (${ids}::bigint[]))`;
}

/** Visible articles of every language, by id after `afterId`. */
export async function sitemapArticles(
  tx: Tx,
  workspaceId: number,
  categoryIds: ReadonlySet<number>,
  afterId: number,
  limit: number,
): Promise<SitemapEntry[]> {
  return tx
    .selectFrom('knowledge_articles as a')
    .select(['a.id', 'a.slug', 'a.language', 'a.updated_at', 'a.translation_group_id'])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.id', '>', afterId)
    .where(visible(categoryIds))
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** The visible members of these translation groups (the sitemap's hreflang alternates). */
export async function groupMembers(
  tx: Tx,
  workspaceId: number,
  groupIds: readonly number[],
  categoryIds: ReadonlySet<number>,
): Promise<{ translation_group_id: number; language: string; slug: string }[]> {
  if (groupIds.length === 0) return [];
  return tx
    .selectFrom('knowledge_articles as a')
    .select(['a.translation_group_id', 'a.language', 'a.slug'])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.translation_group_id', 'in', [...groupIds])
    .where(visible(categoryIds))
    .execute();
}

/** The ids after which each sitemap page of `pageSize` visible articles starts (0 first). */
export async function sitemapPageStarts(
  tx: Tx,
  workspaceId: number,
  categoryIds: ReadonlySet<number>,
  pageSize: number,
): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    SELECT id FROM (
      SELECT a.id, row_number() OVER (ORDER BY a.id) AS n, count(*) OVER () AS total
      FROM knowledge_articles a
      WHERE a.workspace_id = ${workspaceId} AND ${visible(categoryIds)}
    ) numbered
    WHERE n % ${pageSize} = 0 AND n < total
    ORDER BY id`.execute(tx);
  return [0, ...rows.map((r) => Number(r.id))];
}
