/**
 * Deletes a ticket priority. The seed PROTECTs it: while tickets use it, or categories default to its
 * code, or it is the workspace's default priority, the delete is refused with 409 STILL_REFERENCED and
 * nothing is deleted.
 */
import type { Tx } from '../../db/tenant.js';
import { AppError, notFound } from '../../platform/errors.js';
import { findPriorityByRef } from '../tickets/index.js';
import * as repo from './repository.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Deletes the priority (404 for unknown or another workspace's ids). */
export async function deletePriority(ctx: { tx: Tx; workspaceId: number }, ref: string): Promise<void> {
  const { tx, workspaceId } = ctx;
  const priority = await findPriorityByRef(tx, workspaceId, ref);
  if (!priority) throw notFound('priority');
  if (priority.code === (await repo.defaultPriorityCode(tx, workspaceId))) {
    throw new AppError(
      'STILL_REFERENCED',
      `"${priority.code}" is the workspace's default priority; choose another default first`,
    );
  }
  const usage = await repo.priorityUsage(tx, workspaceId, priority);
  if (usage.tickets > 0) {
    throw new AppError(
      'STILL_REFERENCED',
      `${plural(usage.tickets, 'ticket uses', 'tickets use')} this priority; move them first`,
    );
  }
  if (usage.categories > 0) {
    throw new AppError(
      'STILL_REFERENCED',
      `${plural(usage.categories, 'category defaults', 'categories default')} to this priority; change them first`,
    );
  }
  await repo.deletePriorityRow(tx, workspaceId, priority.id);
}
