/**
 * What authors send for an article, and the checks shared by create and update: tags, the category
 * (same workspace and language), the author (a workspace member), the status lifecycle.
 */
import type { ArticleStatus } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { AppError, invalid } from '../../platform/errors.js';
import { assertWorkspaceMembers } from '../workspaces/index.js';
import * as categories from './category-repository.js';

export interface ArticleInput {
  title?: string;
  slug?: string;
  /** Markdown. */
  content?: string;
  /** Blank: derived from the content. */
  excerpt?: string;
  meta_description?: string;
  /** A list, or the seed's comma-separated string. */
  tags?: string[] | string;
  /** Category id; null for none. */
  category?: number | null;
  language?: string;
  status?: ArticleStatus;
  /** Id of an article this one translates (joins its translation group); null leaves the group. */
  translation_of?: number | null;
  /** User id of the author (a workspace member); defaults to whoever creates the article. */
  author?: number | null;
}

const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 50;

/**
 * Trimmed, lower-cased, de-duplicated tags as the stored comma-separated string. A comma separates tags
 * wherever it appears (the stored form could not keep it inside one).
 */
export function normaliseTags(tags: string[] | string): string {
  const list = (typeof tags === 'string' ? [tags] : tags).flatMap((t) => t.split(','));
  const unique = [...new Set(list.map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))];
  for (const t of unique) {
    if (t.length > MAX_TAG_LENGTH) throw invalid('tags', `a tag has at most ${MAX_TAG_LENGTH} characters`);
  }
  if (unique.length > MAX_TAGS) throw invalid('tags', `at most ${MAX_TAGS} tags`);
  return unique.join(',');
}

/** The stored tag string as a list. */
export function tagList(tags: string): string[] {
  return tags
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** 400 unless the category exists in the workspace and has the article's language. */
export async function checkCategory(
  tx: Tx,
  workspaceId: number,
  categoryId: number,
  language: string,
): Promise<void> {
  const category = await categories.findCategory(tx, workspaceId, categoryId);
  if (!category) throw invalid('category', 'no such category');
  if (category.language !== language) {
    throw invalid('category', `is a "${category.language}" category; the article is "${language}"`);
  }
}

export async function checkAuthor(tx: Tx, workspaceId: number, author: number): Promise<void> {
  await assertWorkspaceMembers(tx, workspaceId, [author], 'author');
}

/**
 * The lifecycle: draft → published → archived. A published article may go back to draft (unpublished
 * for rework); an archived one may be published again or reopened as a draft. A draft is deleted
 * rather than archived.
 */
const TRANSITIONS: Record<ArticleStatus, readonly ArticleStatus[]> = {
  draft: ['published'],
  published: ['archived', 'draft'],
  archived: ['published', 'draft'],
};

export function assertTransition(from: ArticleStatus, to: ArticleStatus): void {
  if (from !== to && !TRANSITIONS[from].includes(to)) {
    throw new AppError('ILLEGAL_STATUS_TRANSITION', `an article cannot go from ${from} to ${to}`);
  }
}
