/**
 * Creates a knowledge-base category. Categories are per language (the help centre of each language has
 * its own tree); the slug comes from the name when omitted and is unique per workspace and language, and
 * a parent must be a category of the same language.
 */
import type { Tx } from '../../db/tenant.js';
import { AppError, invalid } from '../../platform/errors.js';
import { slugify } from '../../platform/validation.js';
import * as repo from './category-repository.js';
import { normaliseLanguage } from './language.js';
import { assertSlugAllowed } from './slugs.js';
import { workspaceLanguage } from './search-repository.js';

export interface KbCategoryInput {
  name?: string;
  slug?: string;
  description?: string;
  /** Parent category id; null for a top-level category. */
  parent?: number | null;
  icon?: string;
  order?: number;
  is_active?: boolean;
  language?: string;
}

/** 400 unless the parent exists in the workspace and has the category's language. */
export async function resolveKbParent(
  tx: Tx,
  workspaceId: number,
  parent: number | null,
  language: string,
): Promise<number | null> {
  if (parent === null) return null;
  const found = await repo.findCategory(tx, workspaceId, parent);
  if (!found) throw invalid('parent', 'no such category');
  if (found.language !== language)
    throw invalid('parent', `is a "${found.language}" category, not "${language}"`);
  return found.id;
}

/** Creates the category and returns its id. */
export async function createKbCategory(
  ctx: { tx: Tx; workspaceId: number },
  input: KbCategoryInput & { name: string },
): Promise<number> {
  const { tx, workspaceId } = ctx;
  const name = input.name.trim();
  if (!name) throw invalid('name', 'must not be blank');
  const language = input.language
    ? normaliseLanguage(input.language)
    : await workspaceLanguage(tx, workspaceId);
  const slug = input.slug ?? slugify(name, 100);
  if (!slug) throw invalid('slug', 'cannot be made from this name; give one');
  assertSlugAllowed(slug);
  if (await repo.categorySlugTaken(tx, workspaceId, language, slug)) {
    throw new AppError('ALREADY_EXISTS', `a "${language}" category with slug "${slug}" already exists`);
  }
  return repo.insertCategory(tx, {
    workspace_id: workspaceId,
    name,
    slug,
    language,
    parent_id: input.parent == null ? null : await resolveKbParent(tx, workspaceId, input.parent, language),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.icon !== undefined ? { icon: input.icon } : {}),
    ...(input.order !== undefined ? { order: input.order } : {}),
    ...(input.is_active !== undefined ? { is_active: input.is_active } : {}),
  });
}
