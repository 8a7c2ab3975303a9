/**
 * SQL for the public help centre: what a visitor may see, and only that. Visible means the same as in
 * the search functions of migration 0010: a published article whose category is none, or an active one
 * whose ancestors are all active. No business rules beyond that; every call takes the transaction.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';

export interface SiteCategory {
  id: number;
  name: string;
  slug: string;
  description: string;
  parent_id: number | null;
  order: number;
  language: string;
  is_active: boolean;
}

/** Every category of the workspace (all languages): few enough to walk the tree in memory. */
export async function workspaceCategories(tx: Tx, workspaceId: number): Promise<SiteCategory[]> {
  return tx
    .selectFrom('knowledge_categories')
    .select(['id', 'name', 'slug', 'description', 'parent_id', 'order', 'language', 'is_active'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('order')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** The ids of the categories a visitor may see: active, under active parents only. */
export function visibleCategoryIds(categories: readonly SiteCategory[]): Set<number> {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const verdict = new Map<number, boolean>();
  const visible = (c: SiteCategory, depth = 0): boolean => {
    const known = verdict.get(c.id);
    if (known !== undefined) return known;
    const parent = c.parent_id === null ? null : byId.get(c.parent_id);
    // A missing parent, or a cycle deeper than any real tree, hides the branch.
    const ok =
      c.is_active && (c.parent_id === null || (!!parent && depth < 50 && visible(parent, depth + 1)));
    verdict.set(c.id, ok);
    return ok;
  };
  return new Set(categories.filter((c) => visible(c)).map((c) => c.id));
}

/** WHERE a visitor may see article `a`: published, in no category or in a visible one. */
function visibleTo(categoryIds: ReadonlySet<number>) {
  const ids = [...categoryIds];
  return (eb: ExpressionBuilder<DB & { a: DB['knowledge_articles'] }, 'a'>) =>
    eb.and([
      eb('a.status', '=', 'published'),
      ids.length > 0
        ? eb.or([eb('a.category_id', 'is', null), eb('a.category_id', 'in', ids)])
        : eb('a.category_id', 'is', null),
    ]);
}

export interface ArticleLink {
  id: number;
  slug: string;
  title: string;
  excerpt: string;
  language: string;
  category_id: number | null;
  updated_at: Date;
}

const LINK_COLUMNS = [
  'a.id',
  'a.slug',
  'a.title',
  'a.excerpt',
  'a.language',
  'a.category_id',
  'a.updated_at',
] as const;

/** The most read visible articles of a language. */
export async function popularArticles(
  tx: Tx,
  workspaceId: number,
  language: string,
  visible: ReadonlySet<number>,
  limit: number,
): Promise<ArticleLink[]> {
  return tx
    .selectFrom('knowledge_articles as a')
    .select(LINK_COLUMNS)
    .where('a.workspace_id', '=', workspaceId)
    .where('a.language', '=', language)
    .where(visibleTo(visible))
    .orderBy('a.view_count', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** The most recently updated visible articles of a language. */
export async function recentArticles(
  tx: Tx,
  workspaceId: number,
  language: string,
  visible: ReadonlySet<number>,
  limit: number,
): Promise<ArticleLink[]> {
  return tx
    .selectFrom('knowledge_articles as a')
    .select(LINK_COLUMNS)
    .where('a.workspace_id', '=', workspaceId)
    .where('a.language', '=', language)
    .where(visibleTo(visible))
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

/** How many visible articles each category of a language holds directly. */
export async function articleCounts(
  tx: Tx,
  workspaceId: number,
  language: string,
  visible: ReadonlySet<number>,
): Promise<Map<number, number>> {
  const rows = await tx
    .selectFrom('knowledge_articles as a')
    .select(['a.category_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.language', '=', language)
    .where(visibleTo(visible))
    .where('a.category_id', 'is not', null)
    .groupBy('a.category_id')
    .execute();
  return new Map(rows.map((r) => [r.category_id ?? 0, Number(r.n)]));
}

/** One page of a category's visible articles, by title, after the (title, id) of `after`. */
export async function categoryArticles(
  tx: Tx,
  workspaceId: number,
  categoryId: number,
  after: { title: string; id: number } | null,
  limit: number,
): Promise<ArticleLink[]> {
  let q = tx
    .selectFrom('knowledge_articles as a')
    .select(LINK_COLUMNS)
    .where('a.workspace_id', '=', workspaceId)
    .where('a.category_id', '=', categoryId)
    .where('a.status', '=', 'published');
  if (after) q = q.where(sql<boolean>`(a.title, a.id) > (${after.title}, ${after.id})`);
  return q.orderBy('a.title').orderBy('a.id').limit(limit).execute();
}

export interface SiteArticle extends ArticleLink {
  content: string;
  content_html: string;
  content_text: string;
  meta_description: string;
  published_at: Date | null;
  translation_group_id: number;
}

/** A visible article by its current slug. */
export async function visibleArticleBySlug(
  tx: Tx,
  workspaceId: number,
  language: string,
  slug: string,
  visible: ReadonlySet<number>,
): Promise<SiteArticle | undefined> {
  return tx
    .selectFrom('knowledge_articles as a')
    .select([
      ...LINK_COLUMNS,
      'a.content',
      'a.content_html',
      'a.content_text',
      'a.meta_description',
      'a.published_at',
      'a.translation_group_id',
    ])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.language', '=', language)
    .where('a.slug', '=', slug)
    .where(visibleTo(visible))
    .executeTakeFirst();
}

/** The current slug of the visible article that once had `slug` in `language` (a renamed article). */
export async function currentSlugOf(
  tx: Tx,
  workspaceId: number,
  language: string,
  slug: string,
  visible: ReadonlySet<number>,
): Promise<string | undefined> {
  const row = await tx
    .selectFrom('kb_article_slug_history as h')
    .innerJoin('knowledge_articles as a', (join) =>
      join.onRef('a.workspace_id', '=', 'h.workspace_id').onRef('a.id', '=', 'h.article_id'),
    )
    .select('a.slug')
    .where('h.workspace_id', '=', workspaceId)
    .where('h.language', '=', language)
    .where('h.slug', '=', slug)
    .where('a.language', '=', language)
    .where(visibleTo(visible))
    .executeTakeFirst();
  return row?.slug;
}

/** The visible translations of a translation group (the article itself included). */
export async function translationsOf(
  tx: Tx,
  workspaceId: number,
  groupId: number,
  visible: ReadonlySet<number>,
): Promise<{ language: string; slug: string }[]> {
  return tx
    .selectFrom('knowledge_articles as a')
    .select(['a.language', 'a.slug'])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.translation_group_id', '=', groupId)
    .where(visibleTo(visible))
    .orderBy('a.language')
    .execute();
}

/** The languages visitors can read: those of visible articles and of visible categories. */
export async function siteLanguages(
  tx: Tx,
  workspaceId: number,
  categories: readonly SiteCategory[],
  visible: ReadonlySet<number>,
): Promise<string[]> {
  const rows = await tx
    .selectFrom('knowledge_articles as a')
    .select('a.language')
    .distinct()
    .where('a.workspace_id', '=', workspaceId)
    .where(visibleTo(visible))
    .execute();
  const languages = new Set(rows.map((r) => r.language));
  for (const c of categories) if (visible.has(c.id)) languages.add(c.language);
  return [...languages].sort();
}

export interface SitemapEntry {
  id: number;
  slug: string;
  language: string;
  updated_at: Date;
  translation_group_id: number;
}

/** Visible articles of every language for the sitemap, by id after `afterId`. */
export async function sitemapArticles(
  tx: Tx,
  workspaceId: number,
  visible: ReadonlySet<number>,
  afterId: number,
  limit: number,
): Promise<SitemapEntry[]> {
  return tx
    .selectFrom('knowledge_articles as a')
    .select(['a.id', 'a.slug', 'a.language', 'a.updated_at', 'a.translation_group_id'])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.id', '>', afterId)
    .where(visibleTo(visible))
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** The visible members of these translation groups (for the sitemap's hreflang alternates). */
export async function groupMembers(
  tx: Tx,
  workspaceId: number,
  groupIds: readonly number[],
  visible: ReadonlySet<number>,
): Promise<{ translation_group_id: number; language: string; slug: string }[]> {
  if (groupIds.length === 0) return [];
  return tx
    .selectFrom('knowledge_articles as a')
    .select(['a.translation_group_id', 'a.language', 'a.slug'])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.translation_group_id', 'in', [...groupIds])
    .where(visibleTo(visible))
    .execute();
}
