/** An app on the test database, driven with app.inject(); no port is opened. */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import type { AppDeps } from '../platform/deps.js';
import { createPgBossQueue } from '../platform/jobs/pg-boss-queue.js';
import { createLogger } from '../platform/logger.js';
import { testDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  deps: AppDeps;
}

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export async function testApp(
  overrides: { now?: () => Date; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const db = await testDatabase();
  const config = loadConfig({ DATA_DIR: '/tmp/bfg2-test-unused', LOG_LEVEL: 'silent', ...overrides.env });
  const deps: AppDeps = {
    config: { ...config, sessionSecret: TEST_SECRET },
    db,
    jobs: createPgBossQueue(db.raw, { pollSeconds: 1, supervise: false }),
    now: overrides.now ?? (() => new Date()),
    log: createLogger(config.logLevel),
  };
  const app = await buildApp(deps);
  afterAll(async () => {
    await app.close();
    await deps.jobs.stop();
  });
  return { app, db, deps };
}

/** JSON body of a response, typed by the caller. */
export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return res.json<T>();
}

/** Sends a request as the bearer of `token` (staff API token). */
export function asBearer(token: string, options: InjectOptions): InjectOptions {
  return { ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } };
}
