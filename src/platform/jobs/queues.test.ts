import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { inWorkspace } from '../../db/tenant.js';
import { jobDefinitions } from '../../jobs.js';
import { testDatabase } from '../../test/db.js';
import { buildWorkspace } from '../../test/factories.js';
import type { AppDeps } from '../deps.js';
import { createLogger } from '../logger.js';
import { createDiskStorage } from '../storage/disk-storage.js';
import { createPgBossQueue } from './pg-boss-queue.js';
import { QUEUES } from './queues.js';
import { createRealtime } from '../events/realtime.js';

describe('job queues', () => {
  it('lists every registered job definition, once', async () => {
    const db = await testDatabase();
    const config = loadConfig({ DATA_DIR: '/tmp/bfg2-test-unused', LOG_LEVEL: 'silent' });
    const deps: AppDeps = {
      config: { ...config, sessionSecret: 'x'.repeat(32) },
      db,
      jobs: createPgBossQueue(db.raw, { pollSeconds: 1, supervise: false }),
      storage: createDiskStorage('/tmp/bfg2-test-unused'),
      now: () => new Date(),
      log: createLogger('silent'),
      realtime: createRealtime(db, createLogger('silent')),
    };
    const names = jobDefinitions(deps).definitions.map((d) => d.name);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => !(QUEUES as readonly string[]).includes(n))).toEqual([]);
  });

  it('exist in the migrated database', async () => {
    const db = await testDatabase();
    const rows = await db.raw.query<{ name: string }>('SELECT name FROM pgboss.queue');
    const existing = new Set(rows.rows.map((r) => r.name));
    expect(QUEUES.filter((q) => !existing.has(q))).toEqual([]);
  });

  it('write a job in a statement of the caller (insertJobsFrom) as pg-boss would (enqueueMany)', async () => {
    const db = await testDatabase();
    const jobs = createPgBossQueue(db.raw, { pollSeconds: 1, supervise: false });
    // The queue with settings of its own, as startWorkers leaves it (email.process's definition).
    await jobs.boss.updateQueue('email.process', {
      name: 'email.process',
      retryLimit: 3,
      retryDelay: 10,
      retryBackoff: true,
    });
    const marker = -Math.floor(Math.random() * 1e9);
    await db.kysely
      .transaction()
      .execute((tx) => jobs.enqueueMany(tx, 'email.process', [{ workspaceId: marker, inboundEmailId: 1 }]));
    const from = jobs.insertJobsFrom('email.process', 'src');
    await sql`WITH src AS (SELECT jsonb_build_object('workspaceId', ${marker}::int, 'inboundEmailId', 2) AS data),
      queued AS (${from}) SELECT 1`.execute(db.kysely);
    const rows = await db.raw.query<Record<string, unknown>>(
      `SELECT data->>'inboundEmailId' AS n, state, priority, retry_limit, retry_delay, retry_backoff, policy,
         dead_letter, singleton_key, singleton_on, expire_in::text AS expire_in,
         round(extract(epoch FROM keep_until - start_after) / 60) AS keep_minutes,
         start_after <= now() AS due
       FROM pgboss.job WHERE name = 'email.process' AND (data->>'workspaceId')::int = $1 ORDER BY n`,
      [marker],
    );
    expect(rows.rows).toHaveLength(2);
    const [byBoss, byStatement] = rows.rows.map(({ n: _n, ...row }) => row);
    expect(byStatement).toEqual(byBoss);
    expect(byBoss).toMatchObject({ retry_limit: 3, retry_delay: 10, retry_backoff: true, due: true });
  });

  it('take jobs from a tenant transaction, whose role cannot read any job payload', async () => {
    const db = await testDatabase();
    const workspace = await buildWorkspace(db);
    const jobs = createPgBossQueue(db.raw, { pollSeconds: 1, supervise: false });
    const payload = { workspaceId: workspace.id, outboundEmailId: -workspace.id };
    await inWorkspace(db, workspace.id, (tx) => jobs.enqueue(tx, 'mail.send', payload));
    const stored = await db.raw.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail.send' AND data = $1::jsonb`,
      [JSON.stringify(payload)],
    );
    expect(stored.rows[0]?.n).toBe(1);
    await expect(
      inWorkspace(db, workspace.id, (tx) => sql`SELECT data FROM pgboss.job`.execute(tx)),
    ).rejects.toThrow(/permission denied/);
  });
});
