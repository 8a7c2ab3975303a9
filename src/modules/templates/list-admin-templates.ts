/** Admin reads of templates (active or not): one by id, and keyset pages in (name, id) order. */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import { presentAdminTemplate, type AdminTemplateView } from './template-presenter.js';
import * as repo from './template-repository.js';

/** One template in admin API shape (404 for unknown or another workspace's templates). */
export async function getAdminTemplate(tx: Tx, workspaceId: number, id: number): Promise<AdminTemplateView> {
  const row = await repo.findTemplateRow(tx, workspaceId, id);
  if (!row) throw notFound('template');
  return presentAdminTemplate(row, await repo.categoriesOf(tx, workspaceId, [row.id]));
}

/** A page of the workspace's templates, optionally of one language. */
export async function listAdminTemplates(
  tx: Tx,
  workspaceId: number,
  options: { language?: string; limit: number; cursor?: string },
): Promise<Page<AdminTemplateView>> {
  const rows = await repo.listTemplateRows(tx, workspaceId, {
    ...(options.language ? { language: options.language } : {}),
    limit: options.limit,
    cursor: decodeCursor(options.cursor),
  });
  const links = await repo.categoriesOf(
    tx,
    workspaceId,
    rows.slice(0, options.limit).map((r) => r.id),
  );
  return pageOf(
    rows,
    options.limit,
    (r) => r.name,
    (r) => presentAdminTemplate(r, links),
  );
}
