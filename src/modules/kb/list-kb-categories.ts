/** Staff reads of knowledge-base categories: one by id, and keyset pages in (order, id) order. */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import * as repo from './category-repository.js';
import { presentKbCategory, type KbCategoryView } from './category-presenter.js';
import { normaliseLanguage } from './language.js';

export async function getKbCategory(tx: Tx, workspaceId: number, id: number): Promise<KbCategoryView> {
  const row = await repo.findCategory(tx, workspaceId, id);
  if (!row) throw notFound('category');
  const parent = row.parent_id === null ? undefined : await repo.findCategory(tx, workspaceId, row.parent_id);
  return presentKbCategory(row, parent);
}

export async function listKbCategories(
  tx: Tx,
  workspaceId: number,
  options: { language?: string; parent?: number; root?: boolean; limit: number; cursor?: string },
): Promise<Page<KbCategoryView>> {
  const rows = await repo.listCategoryRows(tx, workspaceId, {
    ...(options.language ? { language: normaliseLanguage(options.language) } : {}),
    ...(options.parent !== undefined ? { parentId: options.parent } : options.root ? { parentId: null } : {}),
    limit: options.limit,
    cursor: decodeCursor(options.cursor),
  });
  const all = new Map((await repo.allCategories(tx, workspaceId)).map((c) => [c.id, c]));
  return pageOf(
    rows,
    options.limit,
    (r) => r.order,
    (r) => presentKbCategory(r, r.parent_id === null ? undefined : all.get(r.parent_id)),
  );
}
