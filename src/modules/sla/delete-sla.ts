/**
 * Deletes an SLA (the seed's SET NULL: tickets and categories keep no SLA). Tickets that had pinned it
 * are unpinned, and every open ticket of the workspace is recomputed, since the ones on it now fall back
 * to their category's SLA, the default, or none.
 */
import { notFound } from '../../platform/errors.js';
import type { SlaWriteContext } from './create-sla.js';
import * as repo from './repository.js';
import { requestRecompute } from './request-recompute.js';

export async function deleteSla(ctx: SlaWriteContext, id: number): Promise<void> {
  const { tx, workspaceId } = ctx;
  const row = await repo.findSla(tx, workspaceId, id);
  if (!row) throw notFound('SLA');
  await repo.unpinSla(tx, workspaceId, id);
  await repo.deleteSlaRow(tx, workspaceId, id);
  await requestRecompute(ctx, { slaId: null, scope: 'workspace', reason: `"${row.name}" was deleted` });
}
