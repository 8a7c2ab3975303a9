/** Reads of categories: one by id or slug, and keyset pages in (order, id) order. */
import type { Tx } from '../../db/tenant.js';
import { invalid, notFound } from '../../platform/errors.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import { findCategoryByRef } from '../tickets/index.js';
import { presentCategory, type CategoryView } from './presenter.js';
import * as repo from './repository.js';

/** One category in API shape (404 for unknown or another workspace's ids). */
export async function getCategory(tx: Tx, workspaceId: number, ref: string | number): Promise<CategoryView> {
  const found = await findCategoryByRef(tx, workspaceId, ref);
  const row = found && (await repo.findCategoryRow(tx, workspaceId, found.id));
  if (!row) throw notFound('category');
  return presentCategory(row);
}

/** A page of categories, optionally only the top level or the children of one category. */
export async function listCategories(
  tx: Tx,
  workspaceId: number,
  options: { parent?: string; root?: boolean; limit: number; cursor?: string },
): Promise<Page<CategoryView>> {
  let parentId: number | null | undefined;
  if (options.parent !== undefined) {
    const parent = await findCategoryByRef(tx, workspaceId, options.parent);
    if (!parent) throw invalid('parent', 'no such category');
    parentId = parent.id;
  } else if (options.root) {
    parentId = null;
  }
  const rows = await repo.listCategoryRows(tx, workspaceId, {
    ...(parentId !== undefined ? { parentId } : {}),
    limit: options.limit,
    cursor: decodeCursor(options.cursor),
  });
  return pageOf(rows, options.limit, (r) => r.order, presentCategory);
}
