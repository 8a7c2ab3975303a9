/** Deletes a response template; its category links go with it. Messages already sent are unaffected. */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import * as repo from './template-repository.js';

/** Deletes the template (404 for unknown or another workspace's templates). */
export async function deleteTemplate(ctx: { tx: Tx; workspaceId: number }, id: number): Promise<void> {
  if (!(await repo.deleteTemplateRow(ctx.tx, ctx.workspaceId, id))) throw notFound('template');
}
