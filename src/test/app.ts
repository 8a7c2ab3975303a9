/** An app on the test database, driven with app.inject(); no port is opened. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp, type BuildOptions } from '../app.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import type { AppDeps } from '../platform/deps.js';
import { createRealtime } from '../platform/events/realtime.js';
import { createPgBossQueue } from '../platform/jobs/pg-boss-queue.js';
import { createLogger } from '../platform/logger.js';
import { createDiskStorage } from '../platform/storage/disk-storage.js';
import { testDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  deps: AppDeps;
  /** Root of this file's attachment store (deps.storage). */
  storageDir: string;
}

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export async function testApp(
  overrides: { now?: () => Date; env?: Record<string, string>; build?: BuildOptions } = {},
): Promise<TestApp> {
  const db = await testDatabase();
  // Attachments of this test file, removed after it.
  const storageDir = mkdtempSync(path.join(tmpdir(), 'bfg2-storage-'));
  const config = loadConfig({
    DATA_DIR: '/tmp/bfg2-test-unused',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...overrides.env,
  });
  const log = createLogger(config.logLevel);
  const deps: AppDeps = {
    config: { ...config, sessionSecret: TEST_SECRET },
    db,
    jobs: createPgBossQueue(db.raw, { pollSeconds: 1, supervise: false }),
    storage: createDiskStorage(storageDir),
    now: overrides.now ?? (() => new Date()),
    log,
    realtime: createRealtime(db, log),
  };
  const app = await buildApp(deps, overrides.build);
  afterAll(async () => {
    await app.close();
    await deps.realtime.stop();
    await deps.jobs.stop();
    rmSync(storageDir, { recursive: true, force: true });
  });
  return { app, db, deps, storageDir };
}

/** JSON body of a response, typed by the caller. */
export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return res.json<T>();
}

/** Sends a request as the bearer of `token` (staff API token). */
export function asBearer(token: string, options: InjectOptions): InjectOptions {
  return { ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } };
}
