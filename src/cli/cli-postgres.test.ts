/**
 * The CLI against a PostgreSQL server (DATABASE_URL, the production set-up), on the run's shared test
 * database, so every name here is unique. test/cli runs the commands on the embedded default.
 */
import { describe, expect, inject, it } from 'vitest';
import { cliEnv, lines, runCli } from '../../test/cli/run-cli.js';
import { unique } from '../test/factories.js';

const SLOW = { timeout: 180_000 };

describe('bfg2-support CLI on PostgreSQL', () => {
  const env = () => cliEnv('/nonexistent-data-dir', { DATABASE_URL: inject('databaseUrl') });

  it('migrates idempotently and creates a workspace, a user, a customer and a token', SLOW, async () => {
    const migrate = await runCli(['migrate'], env());
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout.trim()).toBe('the database is up to date');

    const slug = `cli-${unique()}`;
    const prefix = `C${unique().toUpperCase()}`.slice(0, 10);
    const steps = [
      ['workspace', 'create', '--slug', slug, '--name', 'CLI on Postgres', '--prefix', prefix],
      [
        'user',
        'create',
        '--workspace',
        slug,
        '--email',
        `admin-${slug}@pg.test`,
        '--password',
        'secret-pass',
        '--role',
        'admin',
      ],
      [
        'customer',
        'create',
        '--workspace',
        slug,
        '--email',
        `buyer-${slug}@pg.test`,
        '--password',
        'secret-pass',
      ],
    ];
    for (const args of steps) {
      const r = await runCli(args, env());
      expect(r.code, r.stderr).toBe(0);
    }
    const token = await runCli(
      ['token', 'create', '--workspace', slug, '--email', `admin-${slug}@pg.test`],
      env(),
    );
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout).toMatch(/^bfg2_\S{43}\n$/);

    const duplicate = await runCli(['workspace', 'create', '--slug', slug, '--name', 'Again'], env());
    expect(duplicate.code).toBe(1);
    expect(lines(duplicate.stderr)).toEqual([`bfg2-support: error: workspace ${slug} already exists`]);
  });
});
