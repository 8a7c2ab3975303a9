/**
 * `serve` as a process: it answers HTTP with the tokens the CLI issues, keeps other CLI commands off its
 * data dir, stops cleanly on SIGTERM, and loses no committed write when killed with SIGKILL.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { asSystem } from '../../src/db/tenant.js';
import { copyTemplateDataDir, TEST_DB_KIND } from '../../src/test/db.js';
import { cliEnv, lines, runCli, startServe, type ServingCli } from './run-cli.js';

const SLOW = { timeout: 240_000 };
const dirs: string[] = [];
let running: ServingCli | null = null;

function newDataDir(): string {
  const dir = copyTemplateDataDir();
  dirs.push(dir);
  return dir;
}

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const r = await runCli(args, env);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
}

afterEach(async () => {
  if (running && running.child.exitCode === null && running.child.signalCode === null) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
  running = null;
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(TEST_DB_KIND === 'postgres')('bfg2-support serve', () => {
  it('serves the API, locks the data dir against the CLI and stops on SIGTERM', SLOW, async () => {
    const dir = newDataDir();
    const env = cliEnv(dir);
    await cli(['workspace', 'create', '--slug', 'srv', '--name', 'Served'], env);
    await cli(
      [
        'user',
        'create',
        '--workspace',
        'srv',
        '--email',
        'ops@srv.test',
        '--password',
        'secret-pass',
        '--role',
        'admin',
      ],
      env,
    );
    const token = await cli(['token', 'create', '--workspace', 'srv', '--email', 'ops@srv.test'], env);

    running = await startServe([], env);
    const health = await fetch(`${running.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const me = await fetch(`${running.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(JSON.stringify(await me.json())).toContain('ops@srv.test');

    const blocked = await runCli(
      ['customer', 'create', '--workspace', 'srv', '--email', 'c@srv.test', '--password', 'secret-pass'],
      env,
    );
    expect(blocked.code).toBe(1);
    expect(lines(blocked.stderr)).toEqual([
      expect.stringMatching(/^bfg2-support: error: the data directory .* is in use by process \d+/),
    ]);

    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(path.join(dir, '.lock'))).toBe(false);
  });

  it('serve --migrate --demo seeds an empty database and prints the demo logins', SLOW, async () => {
    const dir = newDataDir();
    running = await startServe(['--migrate', '--demo'], cliEnv(dir));
    await expect
      .poll(() => running?.output().stderr ?? '', { timeout: 10_000 })
      .toContain('customer3@demo.test');
    const { stderr } = running.output();
    expect(stderr).toContain('created the demo workspace "demo" (60 tickets');
    expect(stderr).toMatch(/admin@demo\.test\s+admin/);
    expect(stderr).toContain('password "demo-password"');

    const login = await fetch(`${running.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.test', password: 'demo-password' }),
    });
    expect(login.status).toBe(200);
  });

  it('keeps a write the server committed when it is killed with SIGKILL', SLOW, async () => {
    const dir = newDataDir();
    const env = cliEnv(dir);
    await cli(['workspace', 'create', '--slug', 'durable', '--name', 'Durable'], env);

    running = await startServe([], env);
    const pid = running.child.pid;
    const res = await fetch(`${running.url}/api/auth/customer/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-workspace': 'durable' },
      body: JSON.stringify({ email: 'kept@durable.test', password: 'secret-pass', name: 'Kept' }),
    });
    expect(res.status, await res.clone().text()).toBe(202);

    running.child.kill('SIGKILL');
    expect((await running.exited).signal).toBe('SIGKILL');
    // The dead server's lock is still there; opening the data dir takes it over.
    expect(readFileSync(path.join(dir, '.lock'), 'utf8').trim()).toBe(String(pid));

    const db = await openDatabase({ databaseUrl: null, dataDir: dir });
    try {
      const rows = await asSystem(db, (tx) =>
        tx
          .selectFrom('customers')
          .select(['email', 'name'])
          .where('email', '=', 'kept@durable.test')
          .execute(),
      );
      expect(rows).toEqual([{ email: 'kept@durable.test', name: 'Kept' }]);
    } finally {
      await db.close();
    }
  });
});
