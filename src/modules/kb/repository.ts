/** SQL for knowledge-base articles. Takes the transaction explicitly; no business rules here. */
import { sql, type Insertable, type Updateable } from 'kysely';
import type { ArticleStatus, KnowledgeArticlesTable } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';

/** Articles with the summaries of their category and author (the search vector is never read). */
export function articleQuery(tx: Tx, workspaceId: number) {
  return tx
    .selectFrom('knowledge_articles as a')
    .leftJoin('knowledge_categories as c', 'c.id', 'a.category_id')
    .leftJoin('users as u', 'u.id', 'a.author_id')
    .select([
      'a.id',
      'a.workspace_id',
      'a.title',
      'a.slug',
      'a.content',
      'a.content_html',
      'a.content_text',
      'a.excerpt',
      'a.category_id',
      'a.tags',
      'a.meta_description',
      'a.status',
      'a.view_count',
      'a.helpful_count',
      'a.not_helpful_count',
      'a.language',
      'a.published_at',
      'a.author_id',
      'a.translation_group_id',
      'a.created_at',
      'a.updated_at',
      'c.name as category_name',
      'c.slug as category_slug',
      'u.name as author_name',
    ])
    .where('a.workspace_id', '=', workspaceId);
}

export type ArticleRow = Awaited<ReturnType<ReturnType<typeof articleQuery>['executeTakeFirstOrThrow']>>;

export function findArticle(tx: Tx, workspaceId: number, id: number): Promise<ArticleRow | undefined> {
  return articleQuery(tx, workspaceId).where('a.id', '=', id).executeTakeFirst();
}

/** Locks the article row for an update in this transaction. */
export async function lockArticle(tx: Tx, workspaceId: number, id: number): Promise<boolean> {
  const row = await tx
    .selectFrom('knowledge_articles')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export function findBySlug(tx: Tx, workspaceId: number, language: string, slug: string) {
  return articleQuery(tx, workspaceId)
    .where('a.language', '=', language)
    .where('a.slug', '=', slug)
    .executeTakeFirst();
}

/** The article that used to have this slug in this language. */
export async function articleIdByOldSlug(
  tx: Tx,
  workspaceId: number,
  language: string,
  slug: string,
): Promise<number | undefined> {
  const row = await tx
    .selectFrom('kb_article_slug_history')
    .select('article_id')
    .where('workspace_id', '=', workspaceId)
    .where('language', '=', language)
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row?.article_id;
}

/** Ids of articles with this slug (current or old) in any language: candidates for a translation. */
export async function articleIdsBySlugAnyLanguage(tx: Tx, workspaceId: number, slug: string) {
  const current = await tx
    .selectFrom('knowledge_articles')
    .select(['id', 'language'])
    .where('workspace_id', '=', workspaceId)
    .where('slug', '=', slug)
    .execute();
  const old = await tx
    .selectFrom('kb_article_slug_history')
    .select(['article_id as id', 'language'])
    .where('workspace_id', '=', workspaceId)
    .where('slug', '=', slug)
    .execute();
  return [...current, ...old];
}

/** The articles of a translation group (every status). */
export function translationsOf(tx: Tx, workspaceId: number, groupId: number) {
  return tx
    .selectFrom('knowledge_articles')
    .select(['id', 'language', 'slug', 'title', 'status', 'category_id'])
    .where('workspace_id', '=', workspaceId)
    .where('translation_group_id', '=', groupId)
    .orderBy('language')
    .execute();
}

export type TranslationRow = Awaited<ReturnType<typeof translationsOf>>[number];

export async function previousSlugs(tx: Tx, workspaceId: number, articleId: number): Promise<string[]> {
  const rows = await tx
    .selectFrom('kb_article_slug_history')
    .select('slug')
    .where('workspace_id', '=', workspaceId)
    .where('article_id', '=', articleId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => r.slug);
}

export async function slugTaken(
  tx: Tx,
  workspaceId: number,
  language: string,
  slug: string,
  exceptId?: number,
): Promise<boolean> {
  let q = tx
    .selectFrom('knowledge_articles')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('language', '=', language)
    .where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** The id of the group's article in `language`, if any. */
export async function translationIn(
  tx: Tx,
  workspaceId: number,
  groupId: number,
  language: string,
): Promise<number | undefined> {
  const row = await tx
    .selectFrom('knowledge_articles')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('translation_group_id', '=', groupId)
    .where('language', '=', language)
    .executeTakeFirst();
  return row?.id;
}

export async function newTranslationGroup(tx: Tx): Promise<number> {
  const { rows } = await sql<{ id: string }>`SELECT nextval('kb_translation_group_seq') AS id`.execute(tx);
  return Number(rows[0]!.id);
}

export async function insertArticle(tx: Tx, values: Insertable<KnowledgeArticlesTable>): Promise<number> {
  const row = await tx
    .insertInto('knowledge_articles')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateArticleRow(
  tx: Tx,
  workspaceId: number,
  id: number,
  values: Updateable<KnowledgeArticlesTable>,
): Promise<void> {
  await tx
    .updateTable('knowledge_articles')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteArticleRow(tx: Tx, workspaceId: number, id: number): Promise<boolean> {
  const res = await tx
    .deleteFrom('knowledge_articles')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/** Keeps an old slug pointing at its article (a later article taking the slug replaces the entry). */
export async function rememberSlug(
  tx: Tx,
  values: { workspace_id: number; language: string; slug: string; article_id: number; created_at: Date },
): Promise<void> {
  await tx
    .insertInto('kb_article_slug_history')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'language', 'slug'])
        .doUpdateSet({ article_id: values.article_id, created_at: values.created_at }),
    )
    .execute();
}

/** A slug now in use by an article no longer redirects anywhere else. */
export async function forgetSlug(tx: Tx, workspaceId: number, language: string, slug: string): Promise<void> {
  await tx
    .deleteFrom('kb_article_slug_history')
    .where('workspace_id', '=', workspaceId)
    .where('language', '=', language)
    .where('slug', '=', slug)
    .execute();
}

/**
 * The workspace's default language (lower-case) and the languages with at least one published article
 * (a loose index scan: one probe per language), in one statement: every public knowledge-base request
 * starts with both (public-kb.ts).
 */
export async function languagesOf(
  tx: Tx,
  workspaceId: number,
): Promise<{ defaultLanguage: string; available: string[] }> {
  const { rows } = await sql<{ default_language: string | null; available: string[] }>`
    WITH RECURSIVE l(language) AS (
      SELECT min(language) FROM knowledge_articles WHERE workspace_id = ${workspaceId} AND status = 'published'
      UNION ALL
      SELECT (SELECT min(k.language) FROM knowledge_articles k
              WHERE k.workspace_id = ${workspaceId} AND k.status = 'published' AND k.language > l.language)
      FROM l WHERE l.language IS NOT NULL
    )
    SELECT (SELECT lower(default_language) FROM workspaces WHERE id = ${workspaceId}) AS default_language,
      ARRAY(SELECT language FROM l WHERE language IS NOT NULL ORDER BY language) AS available`.execute(tx);
  const row = rows[0];
  return { defaultLanguage: row?.default_language ?? 'en', available: row?.available ?? [] };
}

export interface AdminListOptions {
  status?: ArticleStatus[];
  language?: string;
  categoryIds?: number[];
  tag?: string;
  authorId?: number;
  ids?: number[];
  limit: number;
  after: { updatedAt: string; id: number } | null;
}

/** Staff list, most recently changed first, fetching limit + 1 rows. */
export function listAdminRows(tx: Tx, workspaceId: number, o: AdminListOptions) {
  let q = articleQuery(tx, workspaceId);
  if (o.status?.length) q = q.where('a.status', 'in', o.status);
  if (o.language) q = q.where('a.language', '=', o.language);
  if (o.categoryIds) q = q.where('a.category_id', 'in', o.categoryIds.length ? o.categoryIds : [-1]);
  if (o.tag) q = q.where(sql<boolean>`${o.tag} = ANY (kb_tag_array(a.tags))`);
  if (o.authorId !== undefined) q = q.where('a.author_id', '=', o.authorId);
  const after = o.after;
  if (after) {
    q = q.where((eb) =>
      eb(eb.refTuple('a.updated_at', 'a.id'), '<', eb.tuple(new Date(after.updatedAt), after.id)),
    );
  }
  return q
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(o.limit + 1)
    .execute();
}

/** Articles by id (any status), in no particular order. */
export function articlesByIds(tx: Tx, workspaceId: number, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([] as ArticleRow[]);
  return articleQuery(tx, workspaceId).where('a.id', 'in', ids).execute();
}

/** Published articles of the same category and language, most read first. */
export function relatedArticles(
  tx: Tx,
  workspaceId: number,
  article: { category_id: number | null; language: string },
  limit: number,
) {
  if (article.category_id === null) return Promise.resolve([] as ArticleRow[]);
  return articleQuery(tx, workspaceId)
    .where('a.category_id', '=', article.category_id)
    .where('a.language', '=', article.language)
    .where('a.status', '=', 'published')
    .orderBy('a.view_count', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

export interface PublicListOptions {
  language: string;
  /** Visible categories (uncategorised articles are always visible). */
  visibleCategoryIds: number[];
  /** Only these categories (a sub-tree), or every visible one. */
  categoryIds: number[] | null;
  tag: string | null;
  sort: 'newest' | 'popular';
  limit: number;
  after: { v: string | number; id: number } | null;
}

/** Published articles for the help centre, fetching limit + 1 rows. */
export function listPublicRows(tx: Tx, workspaceId: number, o: PublicListOptions) {
  let q = articleQuery(tx, workspaceId)
    .where('a.language', '=', o.language)
    .where('a.status', '=', 'published');
  if (o.categoryIds) {
    q = q.where('a.category_id', 'in', o.categoryIds.length ? o.categoryIds : [-1]);
  } else {
    const visible = o.visibleCategoryIds.length ? o.visibleCategoryIds : [-1];
    q = q.where((eb) => eb.or([eb('a.category_id', 'is', null), eb('a.category_id', 'in', visible)]));
  }
  if (o.tag) q = q.where(sql<boolean>`${o.tag} = ANY (kb_tag_array(a.tags))`);
  const after = o.after;
  if (o.sort === 'popular') {
    if (after) {
      const views = Number(after.v);
      q = q.where((eb) =>
        eb.or([
          eb('a.view_count', '<', views),
          eb.and([eb('a.view_count', '=', views), eb('a.id', '>', after.id)]),
        ]),
      );
    }
    q = q.orderBy('a.view_count', 'desc').orderBy('a.id');
  } else {
    if (after) {
      q = q.where((eb) =>
        eb(eb.refTuple('a.published_at', 'a.id'), '<', eb.tuple(new Date(String(after.v)), after.id)),
      );
    }
    q = q.orderBy('a.published_at', 'desc').orderBy('a.id', 'desc');
  }
  return q.limit(o.limit + 1).execute();
}

/**
 * The translation group of the article with this slug in another language whose group has no article
 * in `language` yet (the convention: a translation keeps the original's slug).
 */
export async function groupOfSameSlug(
  tx: Tx,
  workspaceId: number,
  slug: string,
  language: string,
): Promise<number | undefined> {
  // Sorted here: ORDER BY id could make the planner walk the primary key of a table without statistics.
  const candidates = (
    await tx
      .selectFrom('knowledge_articles')
      .select(['id', 'translation_group_id'])
      .where('workspace_id', '=', workspaceId)
      .where('slug', '=', slug)
      .where('language', '<>', language)
      .execute()
  ).sort((a, b) => a.id - b.id);
  for (const c of candidates) {
    if ((await translationIn(tx, workspaceId, c.translation_group_id, language)) === undefined) {
      return c.translation_group_id;
    }
  }
  return undefined;
}

/** The translation groups of several articles at once (staff lists). */
export function translationsOfGroups(tx: Tx, workspaceId: number, groupIds: number[]) {
  if (groupIds.length === 0)
    return Promise.resolve([] as (TranslationRow & { translation_group_id: number })[]);
  return tx
    .selectFrom('knowledge_articles')
    .select(['id', 'language', 'slug', 'title', 'status', 'category_id', 'translation_group_id'])
    .where('workspace_id', '=', workspaceId)
    .where('translation_group_id', 'in', groupIds)
    .orderBy('language')
    .execute();
}

/** Earlier slugs of several articles, newest first per article. */
export function previousSlugsOf(tx: Tx, workspaceId: number, articleIds: number[]) {
  if (articleIds.length === 0) return Promise.resolve([] as { article_id: number; slug: string }[]);
  return tx
    .selectFrom('kb_article_slug_history')
    .select(['article_id', 'slug'])
    .where('workspace_id', '=', workspaceId)
    .where('article_id', 'in', articleIds)
    .orderBy('created_at', 'desc')
    .execute();
}
