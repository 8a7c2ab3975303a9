/** GET /api/support/stats/: the support report (admins: the workspace's managers). */
import type { FastifyInstance } from 'fastify';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { problems } from '../../platform/http/json-schema.js';
import { supportStats, type StatsQuery } from './support-stats.js';
import * as s from './stats-schema.js';

export async function statsRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  app.get<{ Querystring: StatsQuery }>(
    '/api/support/stats/',
    {
      config: { access: 'admin' },
      schema: {
        tags: s.TAGS,
        summary:
          'Support metrics of a period (created, resolved, backlog, response and resolution times, SLA, CSAT, agents, KB)',
        description: s.STATS_DESCRIPTION,
        querystring: s.statsQuery,
        response: { 200: s.statsSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return supportStats(deps.db, ws, request.query, deps.now());
    },
  );
}
