/**
 * Updates a knowledge-base category (PATCH: omitted = unchanged; parent null = top level). Moving it
 * under itself or a descendant is refused (422); changing its language moves nothing else, so it is
 * refused while it has sub-categories or articles of the old language.
 */
import type { Updateable } from 'kysely';
import type { KnowledgeCategoriesTable } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import * as repo from './category-repository.js';
import { subtreeIds, wouldCycle } from './category-tree.js';
import { resolveKbParent, type KbCategoryInput } from './create-kb-category.js';
import { normaliseLanguage } from './language.js';
import { assertSlugAllowed } from './slugs.js';

/** Applies the changes and returns the category's id (404 for unknown or another workspace's ids). */
export async function updateKbCategory(
  ctx: { tx: Tx; workspaceId: number },
  id: number,
  input: KbCategoryInput,
): Promise<number> {
  const { tx, workspaceId } = ctx;
  const category = await repo.findCategory(tx, workspaceId, id);
  if (!category) throw notFound('category');
  const values: Updateable<KnowledgeCategoriesTable> = {};
  const language = input.language ? normaliseLanguage(input.language) : category.language;
  if (language !== category.language) {
    const all = await repo.allCategories(tx, workspaceId);
    const tree = [...subtreeIds(all, id)];
    if (tree.length > 1 || (await repo.countArticlesIn(tx, workspaceId, tree)) > 0) {
      throw new AppError(
        'RULE_VIOLATION',
        'a category with sub-categories or articles cannot change language',
      );
    }
    values.language = language;
  }
  if (input.name !== undefined) {
    values.name = input.name.trim();
    if (!values.name) throw invalid('name', 'must not be blank');
  }
  const slug = input.slug ?? category.slug;
  if (slug !== category.slug || language !== category.language) {
    assertSlugAllowed(slug);
    if (await repo.categorySlugTaken(tx, workspaceId, language, slug, id)) {
      throw new AppError('ALREADY_EXISTS', `a "${language}" category with slug "${slug}" already exists`);
    }
    values.slug = slug;
  }
  if (input.parent !== undefined) {
    const parentId = await resolveKbParent(tx, workspaceId, input.parent, language);
    if (parentId !== null && wouldCycle(await repo.allCategories(tx, workspaceId), id, parentId)) {
      throw new AppError(
        'RULE_VIOLATION',
        'a category cannot be moved under itself or one of its descendants',
      );
    }
    values.parent_id = parentId;
  } else if (values.language !== undefined && category.parent_id !== null) {
    throw invalid('parent', 'give a parent of the new language (or null) when changing the language');
  }
  if (input.description !== undefined) values.description = input.description;
  if (input.icon !== undefined) values.icon = input.icon;
  if (input.order !== undefined) values.order = input.order;
  if (input.is_active !== undefined) values.is_active = input.is_active;
  await repo.updateCategoryRow(tx, workspaceId, id, values);
  return id;
}
