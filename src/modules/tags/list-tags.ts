/** Reads of tags: one by id or slug, and keyset pages in (name, id) order. */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import { presentTag, type TagView } from './tag-presenter.js';
import * as repo from './tag-repository.js';

/** One tag in API shape (404 for unknown or another workspace's tags). */
export async function getTag(tx: Tx, workspaceId: number, ref: string | number): Promise<TagView> {
  const tag = await repo.findTagByRef(tx, workspaceId, ref);
  if (!tag) throw notFound('tag');
  return presentTag(tag);
}

/** A page of the workspace's tags. */
export async function listTags(
  tx: Tx,
  workspaceId: number,
  options: { limit: number; cursor?: string },
): Promise<Page<TagView>> {
  const rows = await repo.listTagRows(tx, workspaceId, {
    limit: options.limit,
    cursor: decodeCursor(options.cursor),
  });
  return pageOf(rows, options.limit, (r) => r.name, presentTag);
}
