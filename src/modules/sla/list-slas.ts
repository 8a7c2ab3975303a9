/** Reads of SLAs: one by id, and keyset pages in (name, id) order, each with holidays and latest recompute. */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import { presentSla, type SlaView } from './presenter.js';
import * as repo from './repository.js';

/** One SLA in API shape (404 for unknown or another workspace's ids). */
export async function getSla(tx: Tx, workspaceId: number, id: number): Promise<SlaView> {
  const row = await repo.findSla(tx, workspaceId, id);
  if (!row) throw notFound('SLA');
  const holidays = await repo.holidaysOf(tx, workspaceId, [row.id]);
  const runs = await repo.latestRuns(tx, workspaceId, [row.id]);
  return presentSla(row, holidays.get(row.id) ?? [], runs.get(row.id));
}

/** A page of the workspace's SLAs. */
export async function listSlas(
  tx: Tx,
  workspaceId: number,
  options: { limit: number; cursor?: string; is_active?: boolean },
): Promise<Page<SlaView>> {
  const rows = await repo.listSlaRows(tx, workspaceId, {
    limit: options.limit,
    cursor: decodeCursor(options.cursor),
    ...(options.is_active !== undefined ? { active: options.is_active } : {}),
  });
  const ids = rows.slice(0, options.limit).map((r) => r.id);
  const holidays = await repo.holidaysOf(tx, workspaceId, ids);
  const runs = await repo.latestRuns(tx, workspaceId, ids);
  return pageOf(
    rows,
    options.limit,
    (r) => r.name,
    (r) => presentSla(r, holidays.get(r.id) ?? [], runs.get(r.id)),
  );
}
