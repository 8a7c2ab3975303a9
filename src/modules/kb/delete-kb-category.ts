/**
 * Deletes a knowledge-base category with its sub-categories. Refused (409) while any of them holds
 * articles, whatever their status: silently uncategorising published articles would reshuffle the help
 * centre. Move or delete the articles first, or deactivate the category to hide it.
 */
import type { Tx } from '../../db/tenant.js';
import { AppError, notFound } from '../../platform/errors.js';
import * as repo from './category-repository.js';
import { subtreeIds } from './category-tree.js';

export async function deleteKbCategory(ctx: { tx: Tx; workspaceId: number }, id: number): Promise<void> {
  const { tx, workspaceId } = ctx;
  const all = await repo.allCategories(tx, workspaceId);
  if (!all.some((c) => c.id === id)) throw notFound('category');
  const articles = await repo.countArticlesIn(tx, workspaceId, [...subtreeIds(all, id)]);
  if (articles > 0) {
    throw new AppError(
      'STILL_REFERENCED',
      `the category (with its sub-categories) holds ${articles} article(s); move them or deactivate the category`,
    );
  }
  await repo.deleteCategoryRow(tx, workspaceId, id);
}
