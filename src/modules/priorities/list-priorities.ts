/** Reads of priorities: one by id or code, and keyset pages in (order, id) order. */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import { findPriorityByRef } from '../tickets/index.js';
import { presentPriority, type PriorityView } from './presenter.js';
import * as repo from './repository.js';

/** One priority in API shape (404 for unknown or another workspace's ids). */
export async function getPriority(tx: Tx, workspaceId: number, ref: string | number): Promise<PriorityView> {
  const priority = await findPriorityByRef(tx, workspaceId, ref);
  if (!priority) throw notFound('priority');
  return presentPriority(priority, await repo.defaultPriorityCode(tx, workspaceId));
}

/** A page of the workspace's priorities. */
export async function listPriorities(
  tx: Tx,
  workspaceId: number,
  options: { limit: number; cursor?: string },
): Promise<Page<PriorityView>> {
  const rows = await repo.listPriorityRows(tx, workspaceId, {
    limit: options.limit,
    cursor: decodeCursor(options.cursor),
  });
  const defaultCode = await repo.defaultPriorityCode(tx, workspaceId);
  return pageOf(
    rows,
    options.limit,
    (r) => r.order,
    (r) => presentPriority(r, defaultCode),
  );
}
