/**
 * Meaning-level checks shared by create and update: the parent is a category of the same workspace,
 * the default assignee a member, the default priority an existing code, the SLA and the team existing ones.
 */
import type { Tx } from '../../db/tenant.js';
import { invalid } from '../../platform/errors.js';
import { findCategoryByRef } from '../tickets/index.js';
import { assertWorkspaceMembers, teamExists } from '../workspaces/index.js';
import * as repo from './repository.js';

export interface CategoryInput {
  name?: string;
  slug?: string;
  description?: string;
  /** Parent id or slug; null for a top-level category. */
  parent?: number | string | null;
  default_assignee?: number | null;
  default_priority?: string;
  sla?: number | null;
  /** Team id that new tickets of the category are routed to; null for none. */
  team?: number | null;
  icon?: string;
  order?: number;
  is_active?: boolean;
}

/** Resolves the parent reference to an id (400 when it names no category of this workspace). */
export async function resolveParent(
  tx: Tx,
  workspaceId: number,
  parent: number | string | null,
): Promise<number | null> {
  if (parent === null) return null;
  const found = await findCategoryByRef(tx, workspaceId, parent);
  if (!found) throw invalid('parent', 'no such category');
  return found.id;
}

/** Checks the default assignee, default priority, SLA and team that the input names. */
export async function checkCategoryReferences(
  tx: Tx,
  workspaceId: number,
  input: CategoryInput,
): Promise<void> {
  if (input.default_assignee != null) {
    await assertWorkspaceMembers(tx, workspaceId, [input.default_assignee], 'default_assignee');
  }
  if (
    input.default_priority !== undefined &&
    !(await repo.priorityCodeExists(tx, workspaceId, input.default_priority))
  ) {
    throw invalid('default_priority', `no priority with code "${input.default_priority}"`);
  }
  if (input.sla != null && !(await repo.slaExists(tx, workspaceId, input.sla))) {
    throw invalid('sla', 'no such SLA');
  }
  if (input.team != null && !(await teamExists(tx, workspaceId, input.team))) {
    throw invalid('team', 'no such team');
  }
}
