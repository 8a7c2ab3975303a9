/**
 * Creates an SLA with its holidays. Making it the default moves the workspace default to it, and then
 * the open tickets that follow the default are recomputed.
 */
import type { Tx } from '../../db/tenant.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import * as repo from './repository.js';
import { requestRecompute } from './request-recompute.js';
import { applyInput, checkSettings, defaultSettings, type SlaInput } from './sla-input.js';

export interface SlaWriteContext {
  tx: Tx;
  workspaceId: number;
  userId: number;
  now: Date;
  jobs: JobQueue;
}

export async function workspaceTimezone(tx: Tx, workspaceId: number): Promise<string> {
  const row = await tx
    .selectFrom('workspaces')
    .select('timezone')
    .where('id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return row.timezone;
}

/** Creates the SLA; returns its id. */
export async function createSla(ctx: SlaWriteContext, input: SlaInput & { name: string }): Promise<number> {
  const { tx, workspaceId, now } = ctx;
  const settings = applyInput(defaultSettings(await workspaceTimezone(tx, workspaceId)), input);
  await checkSettings(tx, workspaceId, settings);
  const { holidays, business_days, ...columns } = settings;
  if (settings.is_default) {
    await tx
      .updateTable('slas')
      .set({ is_default: false })
      .where('workspace_id', '=', workspaceId)
      .where('is_default', '=', true)
      .execute();
  }
  const sla = await repo.insertSla(tx, {
    ...columns,
    workspace_id: workspaceId,
    business_days: JSON.stringify(business_days),
    created_at: now,
    updated_at: now,
  });
  await repo.replaceHolidays(tx, workspaceId, sla.id, holidays);
  if (settings.is_default) {
    await requestRecompute(ctx, {
      slaId: sla.id,
      scope: 'workspace',
      reason: `"${sla.name}" became the default SLA`,
    });
  }
  return sla.id;
}
