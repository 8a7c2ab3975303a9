/** GET/PUT /api/support/admin/satisfaction/: the workspace's survey settings (admins). */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { problems } from '../../platform/http/json-schema.js';
import { surveySettings, updateSurveySettings, type SurveySettings } from './survey-settings.js';

const BASE = '/api/support/admin/satisfaction/';
const tags = ['admin: satisfaction'];
const settingsSchema = {
  type: 'object',
  properties: {
    survey_enabled: { type: 'boolean', description: 'mail resolved tickets’ customers a 1–5 survey' },
    delay_minutes: { type: 'integer', minimum: 0, maximum: 10080, description: 'after the resolution' },
    link_valid_days: { type: 'integer', minimum: 1, maximum: 90, description: 'how long the links work' },
  },
} as const;

export async function surveySettingsRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  app.get(
    BASE,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Satisfaction survey settings',
        response: { 200: settingsSchema, ...problems(401, 403) },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, (tx) => surveySettings(tx, ws.id));
    },
  );
  app.put<{ Body: Partial<SurveySettings> }>(
    BASE,
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change the satisfaction survey settings (omitted = unchanged)',
        body: { ...settingsSchema, additionalProperties: false },
        response: { 200: settingsSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, (tx) =>
        updateSurveySettings({ tx, workspaceId: ws.id, now: deps.now() }, request.body),
      );
    },
  );
}
