/**
 * Deletes a ticket category. As in the seed, its sub-categories go with it (CASCADE) and tickets that
 * used any of them keep existing with no category (SET NULL); templates simply lose the link.
 */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { findCategoryByRef } from '../tickets/index.js';
import * as repo from './repository.js';

/** Deletes the category (404 for unknown or another workspace's ids). */
export async function deleteCategory(ctx: { tx: Tx; workspaceId: number }, ref: string): Promise<void> {
  const category = await findCategoryByRef(ctx.tx, ctx.workspaceId, ref);
  if (!category || !(await repo.deleteCategoryRow(ctx.tx, ctx.workspaceId, category.id))) {
    throw notFound('category');
  }
}
