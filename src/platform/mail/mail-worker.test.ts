import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { openDatabase, type Database } from '../../db/client.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { jobDefinitions } from '../../jobs.js';
import { privateDatabase } from '../../test/db.js';
import { buildWorkspace } from '../../test/factories.js';
import type { AppDeps } from '../deps.js';
import { createPgBossQueue } from '../jobs/pg-boss-queue.js';
import { createLogger } from '../logger.js';
import { createDiskStorage } from '../storage/disk-storage.js';
import { queueEmail } from './queue-email.js';
import { createRealtime } from '../events/realtime.js';

/**
 * Workers take every job of the database. The run's database is shared by all test files, so this file
 * works in a database of its own rather than send (and finish) other files' mail jobs.
 */
async function workerDatabase(): Promise<Database> {
  const own = await privateDatabase();
  const db = await openDatabase({ databaseUrl: own.url, dataDir: '', poolSize: 4 });
  afterAll(async () => {
    await db.close();
    await own.drop();
  });
  return db;
}

async function until<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('mail worker (pg-boss)', () => {
  it('sends a mail queued in a committed transaction, once, from the worker', async () => {
    const db = await workerDatabase();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bfg2-worker-'));
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const errors: Error[] = [];
    const jobs = createPgBossQueue(db.raw, {
      pollSeconds: 0.5,
      supervise: true,
      onError: (e) => errors.push(e),
    });
    const deps: AppDeps = {
      config: { ...config, sessionSecret: 'x'.repeat(32) },
      db,
      jobs,
      storage: createDiskStorage(dataDir),
      now: () => new Date(),
      log: createLogger('silent'),
      realtime: createRealtime(db, createLogger('silent')),
    };
    try {
      await jobs.startWorkers(jobDefinitions(deps).definitions);
      const workspace = await buildWorkspace(db);
      const queued = await inWorkspace(db, workspace.id, (tx) =>
        queueEmail(tx, jobs, {
          workspaceId: workspace.id,
          to: 'c@example.test',
          subject: 'Worker',
          text: 'Hi',
        }),
      );

      const row = await until(
        () =>
          asSystem(db, (tx) =>
            tx
              .selectFrom('outbound_emails')
              .select(['status', 'attempts'])
              .where('id', '=', queued.id)
              .executeTakeFirstOrThrow(),
          ),
        (r) => r.status === 'sent',
      );
      expect(row).toEqual({ status: 'sent', attempts: 1 });
      const files = readdirSync(path.join(dataDir, 'outbox'));
      expect(files.filter((f) => f.endsWith(`-${queued.id}.eml`)).length).toBe(1);

      const schedules = await db.raw.query<{ name: string; cron: string }>(
        'SELECT name, cron FROM pgboss.schedule',
      );
      expect(schedules.rows).toContainEqual({ name: 'mail.sweep', cron: '* * * * *' });
      expect(errors).toEqual([]);
    } finally {
      await jobs.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
