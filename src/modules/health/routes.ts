/** Liveness for load balancers and the startup bench: 200 once migrations are applied and the DB answers. */
import type { FastifyInstance } from 'fastify';
import { pendingMigrations } from '../../db/migrate.js';
import { AppError } from '../../platform/errors.js';
import type { AppDeps } from '../../platform/deps.js';

export function healthRoutes(app: FastifyInstance, deps: AppDeps): void {
  let migrated = false;
  app.get(
    '/healthz',
    {
      config: { access: 'public', noPrincipal: true },
      schema: {
        tags: ['platform'],
        summary: 'Health check',
        response: {
          200: { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] },
        },
      },
    },
    async () => {
      try {
        if (!migrated) migrated = (await pendingMigrations(deps.db.raw)).length === 0;
        else await deps.db.raw.query('SELECT 1');
      } catch {
        throw new AppError('UNAVAILABLE', 'the database does not answer');
      }
      if (!migrated) throw new AppError('UNAVAILABLE', 'migrations are pending; run `bfg2-support migrate`');
      return { status: 'ok' };
    },
  );
}
