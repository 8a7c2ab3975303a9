/**
 * The app's OpenAPI document built without a database or a port: buildApp() with dependencies that
 * refuse every use, made ready, then asked for app.swagger(). `npm run gen:api` writes the SPA's typed
 * client from it (web/src/api/schema.d.ts), and openapi-document.test.ts fails when that file drifts.
 */
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import type { Database } from '../../db/client.js';
import type { AppDeps } from '../deps.js';
import type { Realtime } from '../events/realtime.js';
import type { JobQueue } from '../jobs/queue.js';
import { createLogger } from '../logger.js';
import type { Storage } from '../storage/storage.js';

/** An object whose every property access throws: building the document must not touch it. */
function unusable<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      // Promise resolution probes `then`; answering undefined keeps the object a plain value.
      if (property === 'then') return undefined;
      throw new Error(`the OpenAPI document must be built without ${what} (touched .${String(property)})`);
    },
  });
}

/** The OpenAPI 3.1 document the server serves at /api/docs/json. */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig({ DATA_DIR: '/nonexistent-openapi-build', LOG_LEVEL: 'silent' });
  const deps: AppDeps = {
    config: { ...config, sessionSecret: 'openapi-document-only-openapi-document-only' },
    db: unusable<Database>('a database'),
    jobs: unusable<JobQueue>('a job queue'),
    storage: unusable<Storage>('a file store'),
    now: () => new Date(0),
    log: createLogger('silent'),
    realtime: unusable<Realtime>('the live feed'),
  };
  const app = await buildApp(deps);
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
