import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { jobDefinitions } from '../../jobs.js';
import { createLogger } from '../../platform/logger.js';
import { createDiskStorage } from '../../platform/storage/disk-storage.js';
import { testDatabase } from '../../test/db.js';
import { buildWorkspace } from '../../test/factories.js';
import { sweepSchedule, sweepSlaJob } from './sweep-job.js';
import { era, reload, slaTicket, sweepDeps, trail } from './sweep-test-kit.js';

const db = await testDatabase();
const env = { DATA_DIR: '/tmp/bfg2-test-unused', LOG_LEVEL: 'silent' } as const;

describe('sla.sweep job', () => {
  it('runs on a cron schedule of the configured interval, every minute by default', () => {
    expect(loadConfig(env).slaSweepIntervalMinutes).toBe(1);
    expect(loadConfig({ ...env, SLA_SWEEP_INTERVAL_MINUTES: '15' }).slaSweepIntervalMinutes).toBe(15);
    for (const bad of ['7', '0', '61', 'soon']) {
      expect(() => loadConfig({ ...env, SLA_SWEEP_INTERVAL_MINUTES: bad }), bad).toThrow(ConfigError);
    }
    expect(sweepSchedule(1)).toBe('* * * * *');
    expect(sweepSchedule(5)).toBe('*/5 * * * *');
    expect(sweepSchedule(60)).toBe('0 * * * *');
    expect(() => sweepSchedule(7)).toThrow();
  });

  it('is registered for worker processes with the configured schedule', () => {
    const config = loadConfig({ ...env, SLA_SWEEP_INTERVAL_MINUTES: '5' });
    const deps = sweepDeps(db);
    const workers = jobDefinitions({
      ...deps,
      config: { ...config, sessionSecret: 'x'.repeat(32) },
      storage: createDiskStorage('/tmp/bfg2-test-unused'),
      now: () => new Date(),
      log: createLogger('silent'),
    });
    const job = workers.definitions.find((d) => d.name === 'sla.sweep');
    expect(job).toMatchObject({ schedule: '*/5 * * * *', retryLimit: 0 });
  });

  it('sweeps at the time of its run', async () => {
    const { at } = era();
    const ws = await buildWorkspace(db);
    const ticket = await slaTicket(db, ws, { response_due_at: at(5) });
    let now = at(4);
    const job = sweepSlaJob({ ...sweepDeps(db), now: () => now, intervalMinutes: 1 });
    await job.handler({});
    expect(await reload(db, ticket)).toMatchObject({ response_breached: false });
    now = at(6);
    await job.handler({});
    expect(await reload(db, ticket)).toMatchObject({ response_breached: true });
    expect((await trail(db, ticket)).events).toHaveLength(1);
  });
});
