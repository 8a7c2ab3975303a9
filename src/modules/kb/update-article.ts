/**
 * Updates an article (PATCH: omitted = unchanged). A new slug keeps the old one as a redirect; new
 * Markdown is re-rendered, and an excerpt that was derived is derived again; status changes follow the
 * lifecycle (published_at is set the first time it is published); translation_of moves it into another
 * article's translation group, or (null) out of its group.
 */
import type { Updateable } from 'kysely';
import type { KnowledgeArticlesTable } from '../../db/schema.js';
import { recordEvent } from '../../platform/events.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import {
  assertTransition,
  checkAuthor,
  checkCategory,
  normaliseTags,
  type ArticleInput,
} from './article-input.js';
import { assertLanguageFree, translationSource, type ArticleContext } from './create-article.js';
import { normaliseLanguage } from './language.js';
import { deriveExcerpt, renderMarkdown } from './render-markdown.js';
import * as repo from './repository.js';
import { assertSlugAllowed } from './slugs.js';

/** Applies the changes and returns the article's id (404 for unknown or another workspace's ids). */
export async function updateArticle(ctx: ArticleContext, id: number, input: ArticleInput): Promise<number> {
  const { tx, workspaceId, now } = ctx;
  if (!(await repo.lockArticle(tx, workspaceId, id))) throw notFound('article');
  const article = (await repo.findArticle(tx, workspaceId, id))!;
  const values: Updateable<KnowledgeArticlesTable> = {};

  if (input.title !== undefined) {
    values.title = input.title.trim();
    if (!values.title) throw invalid('title', 'must not be blank');
  }
  const language = input.language !== undefined ? normaliseLanguage(input.language) : article.language;
  if (language !== article.language) values.language = language;

  let groupId = article.translation_group_id;
  if (input.translation_of === null) {
    groupId = await repo.newTranslationGroup(tx);
  } else if (input.translation_of !== undefined) {
    if (input.translation_of === id) throw invalid('translation_of', 'an article cannot translate itself');
    const source = await translationSource(tx, workspaceId, input.translation_of);
    groupId = source.translation_group_id;
  }
  if (groupId !== article.translation_group_id || language !== article.language) {
    await assertLanguageFree(tx, workspaceId, groupId, language, id);
    values.translation_group_id = groupId;
  }

  const slug = input.slug ?? article.slug;
  if (slug !== article.slug || language !== article.language) {
    assertSlugAllowed(slug);
    if (await repo.slugTaken(tx, workspaceId, language, slug, id)) {
      throw new AppError('ALREADY_EXISTS', `a "${language}" article with slug "${slug}" already exists`);
    }
    values.slug = slug;
  }

  const categoryId = input.category !== undefined ? input.category : article.category_id;
  if (categoryId !== null && (input.category !== undefined || language !== article.language)) {
    await checkCategory(tx, workspaceId, categoryId, language);
  }
  if (input.category !== undefined) values.category_id = input.category;

  if (input.content !== undefined && input.content !== article.content) {
    const rendered = renderMarkdown(input.content);
    values.content = input.content;
    values.content_html = rendered.html;
    values.content_text = rendered.text;
    // An excerpt nobody wrote follows the content.
    if (input.excerpt === undefined && article.excerpt === deriveExcerpt(article.content_text)) {
      values.excerpt = deriveExcerpt(rendered.text);
    }
  }
  if (input.excerpt !== undefined) {
    values.excerpt = input.excerpt.trim() || deriveExcerpt(values.content_text ?? article.content_text);
  }
  if (input.meta_description !== undefined) values.meta_description = input.meta_description.trim();
  if (input.tags !== undefined) values.tags = normaliseTags(input.tags);
  if (input.author !== undefined) {
    if (input.author !== null) await checkAuthor(tx, workspaceId, input.author);
    values.author_id = input.author;
  }
  const status = input.status ?? article.status;
  if (status !== article.status) {
    assertTransition(article.status, status);
    values.status = status;
    if (status === 'published' && !article.published_at) values.published_at = now;
  }

  if (Object.keys(values).length === 0) return id;
  values.updated_at = now;
  await repo.updateArticleRow(tx, workspaceId, id, values);
  if (values.slug !== undefined || values.language !== undefined) {
    await repo.rememberSlug(tx, {
      workspace_id: workspaceId,
      language: article.language,
      slug: article.slug,
      article_id: id,
      created_at: now,
    });
    await repo.forgetSlug(tx, workspaceId, language, slug);
  }
  await recordEvent(tx, {
    workspaceId,
    type: status !== article.status ? `kb.article.${status}` : 'kb.article.updated',
    subjectType: 'article',
    subjectId: id,
    actor: { userId: ctx.userId },
    payload: {
      article_id: id,
      slug: values.slug ?? article.slug,
      language: values.language ?? article.language,
      status,
      changed: Object.keys(values).filter((k) => k !== 'updated_at'),
    },
  });
  return id;
}
