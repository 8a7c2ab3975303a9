/**
 * Deletes an article for good, with its votes, views and old slugs; its translations stay. Archiving
 * (PATCH status) is the reversible way to take an article off the help centre.
 */
import { recordEvent } from '../../platform/events.js';
import { notFound } from '../../platform/errors.js';
import type { ArticleContext } from './create-article.js';
import * as repo from './repository.js';

export async function deleteArticle(ctx: ArticleContext, id: number): Promise<void> {
  const article = await repo.findArticle(ctx.tx, ctx.workspaceId, id);
  if (!article || !(await repo.deleteArticleRow(ctx.tx, ctx.workspaceId, id))) throw notFound('article');
  await recordEvent(ctx.tx, {
    workspaceId: ctx.workspaceId,
    type: 'kb.article.deleted',
    subjectType: 'article',
    subjectId: id,
    actor: { userId: ctx.userId },
    payload: { article_id: id, slug: article.slug, language: article.language },
  });
}
