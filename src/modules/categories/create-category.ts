/** Creates a ticket category; the slug comes from the name when omitted and is unique per workspace. */
import type { Tx } from '../../db/tenant.js';
import { AppError, invalid } from '../../platform/errors.js';
import { slugify } from '../../platform/validation.js';
import { checkCategoryReferences, resolveParent, type CategoryInput } from './category-input.js';
import * as repo from './repository.js';

/** Creates the category and returns its id. */
export async function createCategory(
  ctx: { tx: Tx; workspaceId: number },
  input: CategoryInput & { name: string },
): Promise<number> {
  const { tx, workspaceId } = ctx;
  const name = input.name.trim();
  if (!name) throw invalid('name', 'must not be blank');
  const slug = input.slug ?? slugify(name, 100);
  if (!slug) throw invalid('slug', 'cannot be made from this name; give one');
  if (await repo.slugTaken(tx, workspaceId, slug)) {
    throw new AppError('ALREADY_EXISTS', `a category with slug "${slug}" already exists`);
  }
  const parentId = input.parent === undefined ? null : await resolveParent(tx, workspaceId, input.parent);
  await checkCategoryReferences(tx, workspaceId, input);
  return repo.insertCategory(tx, {
    workspace_id: workspaceId,
    name,
    slug,
    parent_id: parentId,
    default_assignee_id: input.default_assignee ?? null,
    sla_id: input.sla ?? null,
    team_id: input.team ?? null,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.default_priority !== undefined ? { default_priority: input.default_priority } : {}),
    ...(input.icon !== undefined ? { icon: input.icon } : {}),
    ...(input.order !== undefined ? { order: input.order } : {}),
    ...(input.is_active !== undefined ? { is_active: input.is_active } : {}),
  });
}
