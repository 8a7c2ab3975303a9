/**
 * The CLI as a process: commands, exit codes and one-line errors, on a private copy of the migrated
 * template database (DATABASE_URL); `migrate` also on an empty DATA_DIR, where the CLI creates, starts
 * and stops the embedded PostgreSQL itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { asSystem } from '../../src/db/tenant.js';
import { hashToken } from '../../src/platform/auth/secrets.js';
import { runningPostmaster } from '../../src/db/embedded/postmaster.js';
import { privateDatabase, type PrivateDatabase } from '../../src/test/db.js';
import { cliEnv, lines, runCli, type CliResult } from './run-cli.js';

const SLOW = { timeout: 180_000 };
const ERROR_LINE = /^bfg2-support: error: \S.*$/;

/** Exactly one line on stderr, in the CLI's error format, and nothing on stdout. */
function expectOneLineError(r: CliResult, code: number, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(code);
  expect(lines(r.stderr)).toHaveLength(1);
  expect(r.stderr.trim()).toMatch(ERROR_LINE);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
}

describe('bfg2-support CLI', () => {
  let own: PrivateDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    own = await privateDatabase();
    env = cliEnv('/nonexistent-data-dir', { DATABASE_URL: own.url });
  });
  afterAll(() => own.drop());

  it('migrate creates the schema in an empty data dir and is idempotent', SLOW, async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'bfg2-cli-migrate-'));
    try {
      const first = await runCli(['migrate'], cliEnv(empty));
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/^applied \d+ migration\(s\): 0001_/);
      const second = await runCli(['migrate'], cliEnv(empty));
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout.trim()).toBe('the database is up to date');
      // The CLI started the embedded PostgreSQL for itself, so it stopped it when done.
      expect(runningPostmaster(path.join(empty, 'postgres'))).toBeNull();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('creates a workspace, a staff member and a customer', SLOW, async () => {
    const ws = await runCli(
      [
        'workspace',
        'create',
        '--slug',
        'acme',
        '--name',
        'Acme Support',
        '--timezone',
        'Europe/Berlin',
        '--prefix',
        'ACME',
      ],
      env,
    );
    expect(ws.code, ws.stderr).toBe(0);
    expect(ws.stdout).toMatch(/^created workspace acme \(id \d+/);

    const user = await runCli(
      [
        'user',
        'create',
        '--workspace',
        'acme',
        '--email',
        'Boss@Acme.test',
        '--password',
        'secret-pass',
        '--role',
        'admin',
        '--name',
        'Boss',
      ],
      env,
    );
    expect(user.code, user.stderr).toBe(0);
    expect(user.stdout).toMatch(/^created admin boss@acme\.test/);

    const customer = await runCli(
      [
        'customer',
        'create',
        '--workspace',
        'acme',
        '--email',
        'buyer@acme.test',
        '--password',
        'secret-pass',
        '--name',
        'Buyer',
      ],
      env,
    );
    expect(customer.code, customer.stderr).toBe(0);
    expect(customer.stdout).toMatch(/^created customer buyer@acme\.test/);
  });

  it('refuses duplicates and unknown workspaces with exit 1 and one line', SLOW, async () => {
    expectOneLineError(
      await runCli(['workspace', 'create', '--slug', 'acme', '--name', 'Again'], env),
      1,
      /workspace acme already exists/,
    );
    expectOneLineError(
      await runCli(
        [
          'customer',
          'create',
          '--workspace',
          'acme',
          '--email',
          'BUYER@acme.test',
          '--password',
          'another-pass',
        ],
        env,
      ),
      1,
      /already exists/,
    );
    expectOneLineError(
      await runCli(
        [
          'user',
          'create',
          '--workspace',
          'nowhere',
          '--email',
          'a@b.test',
          '--password',
          'secret-pass',
          '--role',
          'agent',
        ],
        env,
      ),
      1,
      /workspace nowhere not found/,
    );
  });

  it('answers bad usage with exit 2 and one line', SLOW, async () => {
    const [unknownCommand, unknownFlag, missingFlag, badRole, seedWithoutDemo, nothing] = await Promise.all([
      runCli(['frobnicate'], env),
      runCli(['workspace', 'create', '--slug', 'x', '--name', 'X', '--colour', 'red'], env),
      runCli(['customer', 'create', '--workspace', 'acme', '--email', 'c@acme.test'], env),
      runCli(
        [
          'user',
          'create',
          '--workspace',
          'acme',
          '--email',
          'u@acme.test',
          '--password',
          'secret-pass',
          '--role',
          'boss',
        ],
        env,
      ),
      runCli(['seed'], env),
      runCli([], env),
    ]);
    expectOneLineError(unknownCommand, 2, /unknown command 'frobnicate'/);
    expectOneLineError(unknownFlag, 2, /unknown option '--colour'/);
    expectOneLineError(missingFlag, 2, /missing --password/);
    expectOneLineError(badRole, 2, /--role must be admin or agent/);
    expectOneLineError(seedWithoutDemo, 2, /--demo/);
    expectOneLineError(nothing, 2, /missing command/);
  });

  it('prints help with exit 0', SLOW, async () => {
    const [general, command] = await Promise.all([
      runCli(['--help'], env),
      runCli(['token', 'create', '--help'], env),
    ]);
    expect(general.code).toBe(0);
    expect(general.stdout).toContain('user create --workspace S --email E --password P --role admin|agent');
    expect(command.code).toBe(0);
    expect(command.stdout).toContain('usage: bfg2-support token create --workspace S --email E');
  });

  it('token create prints only a token, stored as its hash', SLOW, async () => {
    const r = await runCli(
      ['token', 'create', '--workspace', 'acme', '--email', 'boss@acme.test', '--name', 'ci'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^bfg2_[A-Za-z0-9_-]{43}\n$/);
    const token = r.stdout.trim();

    const db = await openDatabase({ databaseUrl: own.url, dataDir: '' });
    try {
      const row = await asSystem(db, (tx) =>
        tx
          .selectFrom('api_tokens')
          .innerJoin('users', 'users.id', 'api_tokens.user_id')
          .select(['users.email', 'api_tokens.name', 'api_tokens.token_prefix'])
          .where('token_hash', '=', hashToken(token))
          .executeTakeFirst(),
      );
      expect(row).toEqual({ email: 'boss@acme.test', name: 'ci', token_prefix: token.slice(0, 11) });
    } finally {
      await db.close();
    }

    expectOneLineError(
      await runCli(['token', 'create', '--workspace', 'acme', '--email', 'buyer@acme.test'], env),
      1,
      /staff member buyer@acme\.test in workspace acme not found/,
    );
  });

  it('seed --demo creates the demo workspace once; the second run changes nothing', SLOW, async () => {
    const first = await runCli(['seed', '--demo'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('created the demo workspace "demo": 60 tickets');
    expect(first.stdout).toContain('admin@demo.test');

    const second = await runCli(['seed', '--demo'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.trim()).toBe('the demo workspace "demo" already exists; nothing was changed');

    const db = await openDatabase({ databaseUrl: own.url, dataDir: '' });
    try {
      const counts = await asSystem(db, (tx) =>
        tx
          .selectFrom('support_tickets')
          .innerJoin('workspaces', 'workspaces.id', 'support_tickets.workspace_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('workspaces.slug', '=', 'demo')
          .executeTakeFirstOrThrow(),
      );
      expect(Number(counts.n)).toBe(60);
    } finally {
      await db.close();
    }
  });

  it('reports a bad environment variable in one line with exit 1', SLOW, async () => {
    expectOneLineError(await runCli(['migrate'], { ...env, PORT: 'eighty' }), 1, /PORT=eighty is invalid/);
  });
});
