import { describe, expect, inject, it } from 'vitest';
import { asSystem } from '../db/tenant.js';
import { cliEnv, lines, runCli } from '../../test/cli/run-cli.js';
import { testDatabase } from '../test/db.js';
import { buildWorkspace } from '../test/factories.js';
import { insertFixtureTicket } from '../test/stats-fixture.js';

const db = await testDatabase();

describe('bfg2-support stats rebuild', () => {
  it('rebuilds one workspace’s rollups with progress on stderr', { timeout: 180_000 }, async () => {
    const ws = await buildWorkspace(db);
    for (const created of ['2026-11-30T08:00:00Z', '2026-12-01T08:00:00Z', '2026-12-02T08:00:00Z']) {
      await insertFixtureTicket(db, ws, {
        channel: 'email',
        priority: 'medium',
        created,
        moves: [['2026-12-03T08:00:00Z', 'resolved']],
      });
    }
    const env = cliEnv('/nonexistent-data-dir', { DATABASE_URL: inject('databaseUrl') });
    const run = await runCli(['stats', 'rebuild', '--workspace', ws.slug], env);
    expect(run.code, run.stderr).toBe(0);
    expect(lines(run.stderr)).toEqual([
      `${ws.slug}: 0/3 tickets (0 %)`,
      `${ws.slug}: 3/3 tickets (100 %)`,
      `${ws.slug}: summing the daily rollup`,
      `${ws.slug}: summing the dimensions rollup`,
    ]);
    expect(run.stdout).toMatch(
      new RegExp(`^${ws.slug}: rebuilt the rollups of 3 tickets in \\d+\\.\\d s\\n$`),
    );
    const resolved = await asSystem(db, (tx) =>
      tx
        .selectFrom('ticket_stat_daily')
        .select(['day', 'n'])
        .where('workspace_id', '=', ws.id)
        .where('metric', '=', 'resolved')
        .execute(),
    );
    expect(resolved).toEqual([{ day: '2026-12-03', n: 3 }]);

    const unknown = await runCli(['stats', 'rebuild', '--workspace', 'no-such-workspace'], env);
    expect(unknown.code).toBe(1);
    const usage = await runCli(['stats', 'rebuild', '--bogus'], env);
    expect(usage.code).toBe(2);
  });
});
