/**
 * Creates an article. The slug comes from the title (or, for a translation, from the translated
 * article) and is unique per workspace and language; the Markdown is rendered to sanitised HTML; a blank
 * excerpt is derived from the text; `status: "published"` publishes at once.
 */
import type { Tx } from '../../db/tenant.js';
import { recordEvent } from '../../platform/events.js';
import { AppError, invalid } from '../../platform/errors.js';
import { slugify } from '../../platform/validation.js';
import {
  assertTransition,
  checkAuthor,
  checkCategory,
  normaliseTags,
  type ArticleInput,
} from './article-input.js';
import { normaliseLanguage } from './language.js';
import { deriveExcerpt, renderMarkdown } from './render-markdown.js';
import * as repo from './repository.js';
import { workspaceLanguage } from './search-repository.js';
import { assertSlugAllowed, MAX_SLUG_LENGTH } from './slugs.js';

export interface ArticleContext {
  tx: Tx;
  workspaceId: number;
  /** The staff member acting. */
  userId: number;
  now: Date;
}

/** Finds the article being translated; 400 when it is not in this workspace. */
export async function translationSource(tx: Tx, workspaceId: number, id: number) {
  const source = await repo.findArticle(tx, workspaceId, id);
  if (!source) throw invalid('translation_of', 'no such article');
  return source;
}

/** 409 when the group already has an article in `language` (other than `exceptId`). */
export async function assertLanguageFree(
  tx: Tx,
  workspaceId: number,
  groupId: number,
  language: string,
  exceptId?: number,
): Promise<void> {
  const existing = await repo.translationIn(tx, workspaceId, groupId, language);
  if (existing !== undefined && existing !== exceptId) {
    throw new AppError(
      'ALREADY_EXISTS',
      `this article already has a "${language}" translation (#${existing})`,
    );
  }
}

/** Creates the article and returns its id. */
export async function createArticle(
  ctx: ArticleContext,
  input: ArticleInput & { title: string; content: string },
): Promise<number> {
  const { tx, workspaceId, now } = ctx;
  const title = input.title.trim();
  if (!title) throw invalid('title', 'must not be blank');
  const language = input.language
    ? normaliseLanguage(input.language)
    : await workspaceLanguage(tx, workspaceId);
  const source =
    input.translation_of != null ? await translationSource(tx, workspaceId, input.translation_of) : null;
  if (source) {
    if (source.language === language) throw invalid('language', 'a translation needs another language');
    await assertLanguageFree(tx, workspaceId, source.translation_group_id, language);
  }
  const slug = input.slug ?? source?.slug ?? slugify(title, MAX_SLUG_LENGTH);
  if (!slug) throw invalid('slug', 'cannot be made from this title; give one');
  assertSlugAllowed(slug);
  if (await repo.slugTaken(tx, workspaceId, language, slug)) {
    throw new AppError('ALREADY_EXISTS', `a "${language}" article with slug "${slug}" already exists`);
  }
  if (input.category != null) await checkCategory(tx, workspaceId, input.category, language);
  const author = input.author === undefined ? ctx.userId : input.author;
  if (author !== null) await checkAuthor(tx, workspaceId, author);
  const status = input.status ?? 'draft';
  assertTransition('draft', status);

  // Without translation_of, an article with the same slug in another language is the original (the
  // convention for translations); else the article starts a group of its own (the column default).
  const groupId =
    source?.translation_group_id ??
    (input.translation_of === undefined
      ? await repo.groupOfSameSlug(tx, workspaceId, slug, language)
      : undefined);
  const rendered = renderMarkdown(input.content);
  const excerpt = input.excerpt?.trim() || deriveExcerpt(rendered.text);
  const id = await repo.insertArticle(tx, {
    workspace_id: workspaceId,
    title,
    slug,
    language,
    content: input.content,
    content_html: rendered.html,
    content_text: rendered.text,
    excerpt,
    meta_description: input.meta_description?.trim() ?? '',
    tags: input.tags !== undefined ? normaliseTags(input.tags) : '',
    category_id: input.category ?? null,
    status,
    published_at: status === 'published' ? now : null,
    author_id: author,
    ...(groupId !== undefined ? { translation_group_id: groupId } : {}),
    created_at: now,
    updated_at: now,
  });
  await repo.forgetSlug(tx, workspaceId, language, slug);
  await recordEvent(tx, {
    workspaceId,
    type: status === 'published' ? 'kb.article.published' : 'kb.article.created',
    subjectType: 'article',
    subjectId: id,
    actor: { userId: ctx.userId },
    payload: { article_id: id, slug, language, status },
  });
  return id;
}
