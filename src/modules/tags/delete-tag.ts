/** Deletes a tag; it disappears from every ticket that had it (CASCADE, as in the seed). */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import * as repo from './tag-repository.js';

/** Deletes the tag (404 for unknown or another workspace's tags). */
export async function deleteTag(ctx: { tx: Tx; workspaceId: number }, ref: string): Promise<void> {
  const tag = await repo.findTagByRef(ctx.tx, ctx.workspaceId, ref);
  if (!tag) throw notFound('tag');
  await repo.deleteTagRow(ctx.tx, ctx.workspaceId, tag.id);
}
