import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { jobDefinitions } from '../../jobs.js';
import { createLogger } from '../../platform/logger.js';
import { createDiskStorage } from '../../platform/storage/disk-storage.js';
import { testDatabase } from '../../test/db.js';
import { sweepSchedule } from './sweep-job.js';
import { sweepKit } from './sweep-test-kit.js';
import { createRealtime } from '../../platform/events/realtime.js';

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
    const { deps } = sweepKit(db);
    const workers = jobDefinitions({
      ...deps,
      config: { ...config, sessionSecret: 'x'.repeat(32) },
      storage: createDiskStorage('/tmp/bfg2-test-unused'),
      now: () => new Date(),
      log: createLogger('silent'),
      realtime: createRealtime(db, createLogger('silent')),
    });
    const job = workers.definitions.find((d) => d.name === 'sla.sweep');
    expect(job).toMatchObject({ schedule: '*/5 * * * *', retryLimit: 0 });
    expect(workers.definitions.map((d) => d.name)).toContain('sla.notify');
  });
});
