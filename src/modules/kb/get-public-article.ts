/**
 * One article of the public help centre, by slug, in the visitor's language. An old slug still finds
 * its article (`redirected_from` names it; the canonical slug is in `slug`). A slug of another language
 * finds the translation in the visitor's language, else the default language's, else the article
 * itself; `language_fallback` says when the visitor does not get the language they asked for. Drafts,
 * archived articles, inactive categories and other workspaces answer 404. A visitor's first view of the
 * day is counted (never a crawler's).
 */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { pathTo } from './category-tree.js';
import * as feedback from './feedback-repository.js';
import { matchLanguage } from './language.js';
import { presentPublicArticle, type PublicArticleView } from './presenter.js';
import { isVisible, languageFor, loadPublicKb, type LanguageRequest, type PublicKb } from './public-kb.js';
import * as repo from './repository.js';
import type { Visitor } from './visitor.js';

const RELATED = 5;

async function visibleArticle(tx: Tx, kb: PublicKb, id: number | undefined) {
  if (id === undefined) return undefined;
  const row = await repo.findArticle(tx, kb.workspaceId, id);
  return row && isVisible(kb, row) ? row : undefined;
}

/** The visible article a slug names for a language: current slug, old slug, or another language's. */
async function resolve(tx: Tx, kb: PublicKb, slug: string, language: string) {
  const direct = await repo.findBySlug(tx, kb.workspaceId, language, slug);
  if (direct && isVisible(kb, direct)) return { row: direct, redirectedFrom: null };
  const renamed = await visibleArticle(
    tx,
    kb,
    await repo.articleIdByOldSlug(tx, kb.workspaceId, language, slug),
  );
  if (renamed) return { row: renamed, redirectedFrom: slug };

  const candidates = await repo.articleIdsBySlugAnyLanguage(tx, kb.workspaceId, slug);
  for (const c of candidates) {
    const article = await repo.findArticle(tx, kb.workspaceId, c.id);
    if (!article) continue;
    const group = await repo.translationsOf(tx, kb.workspaceId, article.translation_group_id);
    const pick = (lang: string) => group.find((t) => t.language === lang && isVisible(kb, t))?.id;
    const row =
      (await visibleArticle(tx, kb, pick(language))) ??
      (await visibleArticle(tx, kb, pick(kb.defaultLanguage))) ??
      (isVisible(kb, article) ? article : undefined) ??
      (await visibleArticle(tx, kb, group.find((t) => isVisible(kb, t))?.id));
    if (row) return { row, redirectedFrom: row.slug !== slug ? slug : null };
  }
  return null;
}

export interface PublicArticleRequest extends LanguageRequest {
  workspaceId: number;
  slug: string;
  /** Who is reading; null (staff previews, server-side renders that count elsewhere): no view counted. */
  visitor: Visitor | null;
}

export async function getPublicArticle(tx: Tx, request: PublicArticleRequest): Promise<PublicArticleView> {
  const kb = await loadPublicKb(tx, request.workspaceId);
  const choice = languageFor(kb, request);
  const found = await resolve(tx, kb, request.slug, choice.language);
  if (!found) throw notFound('article');
  const { row } = found;

  const visitor = request.visitor;
  if (visitor && !visitor.isBot) {
    const first = await feedback.insertView(tx, {
      workspaceId: kb.workspaceId,
      articleId: row.id,
      visitorHash: visitor.viewHash,
      day: visitor.day,
    });
    if (first) row.view_count = await feedback.incrementViews(tx, kb.workspaceId, row.id);
  }

  const [translations, related, yourVote] = await Promise.all([
    repo.translationsOf(tx, kb.workspaceId, row.translation_group_id),
    row.category_id === null
      ? Promise.resolve([])
      : repo.relatedArticles(tx, kb.workspaceId, row, RELATED + 1),
    visitor ? feedback.voteOf(tx, kb.workspaceId, row.id, visitor.voteHash) : Promise.resolve(null),
  ]);
  const breadcrumbs =
    row.category_id === null
      ? []
      : pathTo(kb.categories, row.category_id).map((c) => ({ id: c.id, name: c.name, slug: c.slug }));
  return presentPublicArticle(row, {
    translations: translations.filter((t) => isVisible(kb, t)),
    breadcrumbs,
    related: related.filter((a) => a.id !== row.id && isVisible(kb, a)).slice(0, RELATED),
    requestedLanguage: choice.requested,
    languageFallback: matchLanguage(choice.requested, [row.language]) === null,
    redirectedFrom: found.redirectedFrom,
    yourVote,
  });
}
