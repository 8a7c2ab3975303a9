/**
 * Updates a ticket category (PATCH: omitted = unchanged, null clears parent/default_assignee/sla/team).
 * Moving a category under itself or one of its descendants would make a cycle: 422 RULE_VIOLATION.
 */
import type { Updateable } from 'kysely';
import type { TicketCategoriesTable } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { findCategoryByRef } from '../tickets/index.js';
import { checkCategoryReferences, resolveParent, type CategoryInput } from './category-input.js';
import * as repo from './repository.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { requestRecompute } from '../sla/index.js';

/** Depth guard: a legitimate tree is never this deep, a corrupted one must not loop forever. */
const MAX_DEPTH = 1000;

async function assertNoCycle(tx: Tx, workspaceId: number, id: number, newParentId: number): Promise<void> {
  let current: number | null | undefined = newParentId;
  for (let depth = 0; current != null && depth < MAX_DEPTH; depth++) {
    if (current === id) {
      throw new AppError(
        'RULE_VIOLATION',
        'a category cannot be moved under itself or one of its descendants',
      );
    }
    current = await repo.parentIdOf(tx, workspaceId, current);
  }
}

/** Applies the changes and returns the category's id (404 for unknown or another workspace's ids). */
export async function updateCategory(
  ctx: { tx: Tx; workspaceId: number; userId: number; now: Date; jobs: JobQueue },
  ref: string,
  input: CategoryInput,
): Promise<number> {
  const { tx, workspaceId } = ctx;
  const category = await findCategoryByRef(tx, workspaceId, ref);
  if (!category) throw notFound('category');
  const values: Updateable<TicketCategoriesTable> = {};
  if (input.name !== undefined) {
    values.name = input.name.trim();
    if (!values.name) throw invalid('name', 'must not be blank');
  }
  if (input.slug !== undefined && input.slug !== category.slug) {
    if (await repo.slugTaken(tx, workspaceId, input.slug, category.id)) {
      throw new AppError('ALREADY_EXISTS', `a category with slug "${input.slug}" already exists`);
    }
    values.slug = input.slug;
  }
  if (input.parent !== undefined) {
    const parentId = await resolveParent(tx, workspaceId, input.parent);
    if (parentId !== null) await assertNoCycle(tx, workspaceId, category.id, parentId);
    values.parent_id = parentId;
  }
  await checkCategoryReferences(tx, workspaceId, input);
  if (input.default_assignee !== undefined) values.default_assignee_id = input.default_assignee;
  if (input.sla !== undefined) values.sla_id = input.sla;
  if (input.team !== undefined) values.team_id = input.team;
  if (input.default_priority !== undefined) values.default_priority = input.default_priority;
  if (input.description !== undefined) values.description = input.description;
  if (input.icon !== undefined) values.icon = input.icon;
  if (input.order !== undefined) values.order = input.order;
  if (input.is_active !== undefined) values.is_active = input.is_active;
  await repo.updateCategoryRow(tx, workspaceId, category.id, values);
  // The category's SLA applies to its tickets that have none of their own: their dues move with it.
  if (values.sla_id !== undefined && values.sla_id !== category.sla_id) {
    await requestRecompute(ctx, {
      slaId: values.sla_id,
      scope: 'workspace',
      reason: `the SLA of category "${category.name}" changed`,
    });
  }
  return category.id;
}
