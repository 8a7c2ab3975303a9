/** Renames or recolours a tag (PATCH: omitted = unchanged); a new slug must be free (409). */
import type { Updateable } from 'kysely';
import type { TicketTag, TicketTagsTable } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { invalid, notFound } from '../../platform/errors.js';
import { assertTagSlugFree, type TagAdminInput } from './create-tag.js';
import * as repo from './tag-repository.js';

/** Applies the changes and returns the row (404 for unknown or another workspace's tags). */
export async function updateTag(
  ctx: { tx: Tx; workspaceId: number },
  ref: string,
  input: TagAdminInput,
): Promise<TicketTag> {
  const { tx, workspaceId } = ctx;
  const tag = await repo.findTagByRef(tx, workspaceId, ref);
  if (!tag) throw notFound('tag');
  const values: Updateable<TicketTagsTable> = {};
  if (input.name !== undefined) {
    values.name = input.name.trim();
    if (!values.name) throw invalid('name', 'must not be blank');
  }
  if (input.slug !== undefined && input.slug !== tag.slug) {
    await assertTagSlugFree(tx, workspaceId, input.slug);
    values.slug = input.slug;
  }
  if (input.color !== undefined) values.color = input.color.toLowerCase();
  return repo.updateTagRow(tx, workspaceId, tag.id, values);
}
