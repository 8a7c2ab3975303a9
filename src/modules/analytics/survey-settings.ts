/** A workspace's survey settings (defaults until an admin saves them: off, 60 minutes, 14 days). */
import type { Tx } from '../../db/tenant.js';

export interface SurveySettings {
  survey_enabled: boolean;
  delay_minutes: number;
  link_valid_days: number;
}

export const DEFAULT_SURVEY_SETTINGS: SurveySettings = {
  survey_enabled: false,
  delay_minutes: 60,
  link_valid_days: 14,
};

export async function surveySettings(tx: Tx, workspaceId: number): Promise<SurveySettings> {
  const row = await tx
    .selectFrom('satisfaction_settings')
    .select(['survey_enabled', 'delay_minutes', 'link_valid_days'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row ?? DEFAULT_SURVEY_SETTINGS;
}

export async function updateSurveySettings(
  ctx: { tx: Tx; workspaceId: number; now: Date },
  input: Partial<SurveySettings>,
): Promise<SurveySettings> {
  const next = { ...(await surveySettings(ctx.tx, ctx.workspaceId)), ...input };
  await ctx.tx
    .insertInto('satisfaction_settings')
    .values({ workspace_id: ctx.workspaceId, ...next, updated_at: ctx.now })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ ...next, updated_at: ctx.now }))
    .execute();
  return next;
}
