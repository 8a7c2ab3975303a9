/**
 * Changes an SLA (PATCH: omitted = unchanged; PUT: the whole SLA, omitted = default). Holidays, when
 * given, replace the set. Setting is_default moves the workspace default here.
 *
 * When the change alters how dues are computed (targets, calendar, holidays, warning share) the open
 * tickets on this SLA are recomputed by the `sla.recompute` job; when it alters which tickets the SLA
 * applies to (active, default) every open ticket of the workspace is, since any of them may change SLA.
 */
import { notFound } from '../../platform/errors.js';
import type { SlaWriteContext } from './create-sla.js';
import { workspaceTimezone } from './create-sla.js';
import * as repo from './repository.js';
import { requestRecompute } from './request-recompute.js';
import {
  applyInput,
  checkSettings,
  clockChanged,
  defaultSettings,
  reachChanged,
  settingsOf,
  type SlaInput,
} from './sla-input.js';

/** Applies the change; returns the SLA's id (404 for unknown or another workspace's ids). */
export async function updateSla(
  ctx: SlaWriteContext,
  id: number,
  input: SlaInput,
  mode: 'patch' | 'replace' = 'patch',
): Promise<number> {
  const { tx, workspaceId, now } = ctx;
  const row = await repo.findSla(tx, workspaceId, id);
  if (!row) throw notFound('SLA');
  const before = settingsOf(row, (await repo.holidaysOf(tx, workspaceId, [id])).get(id) ?? []);
  const base = mode === 'replace' ? defaultSettings(await workspaceTimezone(tx, workspaceId)) : before;
  const after = applyInput(base, input);
  await checkSettings(tx, workspaceId, after);

  const { holidays, business_days, ...columns } = after;
  if (after.is_default && !before.is_default) await repo.clearOtherDefaults(tx, workspaceId, id);
  await repo.updateSlaRow(tx, workspaceId, id, {
    ...columns,
    business_days: JSON.stringify(business_days),
    updated_at: now,
  });
  if (input.holidays !== undefined || mode === 'replace') {
    await repo.replaceHolidays(tx, workspaceId, id, holidays);
  }

  if (reachChanged(before, after)) {
    await requestRecompute(ctx, {
      slaId: id,
      scope: 'workspace',
      reason: `"${after.name}" ${describeReach(before, after)}`,
    });
  } else if (clockChanged(before, after)) {
    await requestRecompute(ctx, { slaId: id, scope: 'sla', reason: `"${after.name}" was edited` });
  }
  return id;
}

function describeReach(before: { is_active: boolean; is_default: boolean }, after: typeof before): string {
  if (before.is_active !== after.is_active) return after.is_active ? 'was activated' : 'was deactivated';
  return after.is_default ? 'became the default SLA' : 'is no longer the default SLA';
}
