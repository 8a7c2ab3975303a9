/**
 * What an article page does besides showing the article: count the view, take the helpful vote, and
 * get the article's HTML. These delegate to the knowledge-base module's own functions, so the help
 * centre and the JSON API count alike.
 */
import type { FastifyRequest } from 'fastify';
import type { Tx } from '../../../db/tenant.js';
import type { AppDeps } from '../../../platform/deps.js';
import type { SiteArticle } from './queries.js';

// TEMPORARY until kb-core's view/vote/render functions land; replaced by imports.
export async function countView(
  _tx: Tx,
  _workspaceId: number,
  _articleId: number,
  _request: FastifyRequest,
  _deps: AppDeps,
): Promise<void> {}

export async function recordVote(
  _tx: Tx,
  _workspaceId: number,
  _articleId: number,
  _helpful: boolean,
  _request: FastifyRequest,
  _deps: AppDeps,
): Promise<void> {}

export async function articleHtml(article: SiteArticle): Promise<string> {
  return article.content_html;
}
