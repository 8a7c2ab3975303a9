/** Creates a tag; the slug comes from the name when omitted and is unique per workspace (409). */
import type { TicketTag } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { AppError, invalid } from '../../platform/errors.js';
import { slugify } from '../../platform/validation.js';
import * as repo from './tag-repository.js';

export interface TagAdminInput {
  name?: string;
  slug?: string;
  color?: string;
}

/** Throws 409 when another tag of the workspace has the slug. */
export async function assertTagSlugFree(tx: Tx, workspaceId: number, slug: string): Promise<void> {
  if (await repo.tagSlugTaken(tx, workspaceId, slug)) {
    throw new AppError('ALREADY_EXISTS', `a tag with slug "${slug}" already exists`);
  }
}

/** Creates the tag and returns the row. */
export async function createTag(
  ctx: { tx: Tx; workspaceId: number },
  input: TagAdminInput & { name: string },
): Promise<TicketTag> {
  const { tx, workspaceId } = ctx;
  const name = input.name.trim();
  if (!name) throw invalid('name', 'must not be blank');
  const slug = input.slug ?? slugify(name, 50);
  if (!slug) throw invalid('slug', 'cannot be made from this name; give one');
  await assertTagSlugFree(tx, workspaceId, slug);
  return repo.insertTag(tx, {
    workspace_id: workspaceId,
    name,
    slug,
    ...(input.color !== undefined ? { color: input.color.toLowerCase() } : {}),
  });
}
