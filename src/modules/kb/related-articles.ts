/**
 * The published articles most likely to answer a ticket, for the agent working on it: the ticket's
 * subject and its first message (the description) asked as a help-centre question in the workspace's
 * language — BM25-ranked, any word may match, typos corrected — the top three by default. Each comes
 * with the help-centre URL the agent can paste into a reply.
 */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { findTicket } from '../tickets/index.js';
import { searchArticles } from './search-articles.js';
import { sitePaths } from './site/paths.js';

export const RELATED_ARTICLES = 3;
export const MAX_RELATED_ARTICLES = 10;
/** Words of the first message taken into the question (a long message is mostly signature and quotes). */
const MAX_DESCRIPTION_WORDS = 60;

export interface RelatedArticle {
  id: number;
  slug: string;
  title: string;
  excerpt: string;
  language: string;
  /** The article in the help centre, relative to the site's origin. */
  url: string;
  rank: number;
}

/** Prose, not web-search syntax: quotes and dashes would be read as phrases and exclusions. */
export function ticketQuestion(subject: string, description: string): string {
  const words = description.split(/\s+/).filter(Boolean).slice(0, MAX_DESCRIPTION_WORDS).join(' ');
  return `${subject} ${words}`
    .replace(/["\-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Related articles of the ticket `ticketRef` (id or number); 404 for a ticket of another workspace. */
export async function relatedArticlesForTicket(
  tx: Tx,
  input: { workspaceId: number; workspaceSlug: string; ticketRef: string; limit?: number },
): Promise<RelatedArticle[]> {
  const ticket = await findTicket(tx, input.workspaceId, input.ticketRef);
  if (!ticket) throw notFound('ticket');
  const question = ticketQuestion(ticket.subject, ticket.description);
  if (!question) return [];
  const found = await searchArticles(tx, {
    workspaceId: input.workspaceId,
    query: question,
    limit: Math.min(Math.max(input.limit ?? RELATED_ARTICLES, 1), MAX_RELATED_ARTICLES),
    recordMiss: false,
  });
  const paths = sitePaths(input.workspaceSlug);
  return found.hits.map((h) => ({
    id: h.id,
    slug: h.slug,
    title: h.title,
    excerpt: h.excerpt,
    language: h.language,
    url: paths.article(h.language, h.slug),
    rank: h.rank,
  }));
}
