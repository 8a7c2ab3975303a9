/**
 * `serve` as a process on the embedded PostgreSQL of its DATA_DIR: the first start initialises the
 * cluster, a second one reuses it, CLI commands join the running server's PostgreSQL, SIGTERM stops both,
 * and a kill -9 of the product or of the postmaster loses no committed ticket and never leaves two
 * postmasters on one cluster.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isAlive } from '../../src/db/embedded/file-lock.js';
import { runningPostmaster } from '../../src/db/embedded/postmaster.js';
import { cliEnv, runCli, startServe, type ServingCli } from './run-cli.js';

const SLOW = { timeout: 240_000 };
const dirs: string[] = [];
let running: ServingCli | null = null;

function newDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bfg2-serve-'));
  dirs.push(dir);
  return dir;
}

/** The cluster directory (DATA_DIR/postgres, or where its link points for a root install). */
const clusterOf = (dir: string) => path.join(dir, 'postgres');

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const r = await runCli(args, env);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
}

/** A workspace with an admin and an API token for it, made through the CLI. */
async function adminToken(env: NodeJS.ProcessEnv, slug: string): Promise<string> {
  await cli(['workspace', 'create', '--slug', slug, '--name', slug, '--prefix', 'SRV'], env);
  const email = `ops@${slug}.test`;
  await cli(
    ['user', 'create', '--workspace', slug, '--email', email, '--password', 'secret-pass', '--role', 'admin'],
    env,
  );
  return cli(['token', 'create', '--workspace', slug, '--email', email], env);
}

function api(serving: ServingCli, token: string, pathname: string, body?: unknown): Promise<Response> {
  return fetch(`${serving.url}${pathname}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function createTicket(serving: ServingCli, token: string, subject: string): Promise<string> {
  const res = await api(serving, token, '/api/support/tickets/', {
    subject,
    description: 'Committed before the crash',
    customer: 'buyer@crash.test',
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function stopServe(serving: ServingCli): Promise<void> {
  serving.child.kill('SIGTERM');
  expect(await serving.exited).toEqual({ code: 0, signal: null });
}

afterEach(async () => {
  if (running && running.child.exitCode === null && running.child.signalCode === null) {
    running.child.kill('SIGTERM');
    await running.exited;
  }
  running = null;
});
afterAll(async () => {
  // A test that failed half-way may have left a postmaster; `migrate` joins it and, as its owner is
  // gone, stops it on the way out.
  for (const dir of dirs) {
    if (runningPostmaster(clusterOf(dir))) await runCli(['migrate'], cliEnv(dir));
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('bfg2-support serve on the embedded PostgreSQL', () => {
  it(
    'initialises on first start, lets CLI commands in while serving, stops PostgreSQL on SIGTERM and reuses the data on the next start',
    SLOW,
    async () => {
      const dir = newDataDir();
      const env = cliEnv(dir);
      running = await startServe(['--migrate'], env);
      const first = runningPostmaster(clusterOf(dir));
      expect(first?.status).toBe('ready');
      const saved = JSON.parse(readFileSync(path.join(dir, 'postgres.json'), 'utf8')) as { port: number };
      expect(saved.port).toBe(first?.port);

      // CLI commands while the server runs: they join its PostgreSQL and leave it running.
      const token = await adminToken(env, 'srv');
      expect(runningPostmaster(clusterOf(dir))?.pid).toBe(first?.pid);
      const me = await api(running, token, '/api/auth/me');
      expect(me.status).toBe(200);
      expect(JSON.stringify(await me.json())).toContain('ops@srv.test');

      await stopServe(running);
      expect(runningPostmaster(clusterOf(dir))).toBeNull();
      await expect.poll(() => isAlive(first?.pid ?? 0), { timeout: 10_000 }).toBe(false);

      // The second start: same cluster and password, the data is there.
      running = await startServe([], env);
      expect(runningPostmaster(clusterOf(dir))?.pid).not.toBe(first?.pid);
      expect((await api(running, token, '/api/auth/me')).status).toBe(200);
      await stopServe(running);
      expect(runningPostmaster(clusterOf(dir))).toBeNull();
    },
  );

  it(
    'after a kill -9 of serve, the next start reuses the postmaster left running and the committed ticket is there',
    SLOW,
    async () => {
      const dir = newDataDir();
      const env = cliEnv(dir);
      await cli(['migrate'], env);
      // The CLI started PostgreSQL for itself and stopped it when done.
      expect(runningPostmaster(clusterOf(dir))).toBeNull();
      const token = await adminToken(env, 'crash');

      running = await startServe([], env);
      const id = await createTicket(running, token, 'Survives kill -9 of the product');
      const postmaster = runningPostmaster(clusterOf(dir));
      running.child.kill('SIGKILL');
      expect((await running.exited).signal).toBe('SIGKILL');
      expect(runningPostmaster(clusterOf(dir))?.pid).toBe(postmaster?.pid);

      running = await startServe([], env);
      // Reused, not a second server on the same cluster.
      expect(runningPostmaster(clusterOf(dir))?.pid).toBe(postmaster?.pid);
      const ticket = await api(running, token, `/api/support/tickets/${id}/`);
      expect(ticket.status).toBe(200);
      expect(await ticket.json()).toMatchObject({ subject: 'Survives kill -9 of the product' });

      await stopServe(running);
      expect(runningPostmaster(clusterOf(dir))).toBeNull();
      await expect.poll(() => isAlive(postmaster?.pid ?? 0), { timeout: 10_000 }).toBe(false);
    },
  );

  it(
    'keeps a committed ticket when the postmaster and the product are both killed with -9',
    SLOW,
    async () => {
      const dir = newDataDir();
      const env = cliEnv(dir);
      await cli(['migrate'], env);
      const token = await adminToken(env, 'power');

      running = await startServe([], env);
      const id = await createTicket(running, token, 'Survives kill -9 of the postmaster');
      const postmaster = runningPostmaster(clusterOf(dir));
      process.kill(postmaster?.pid ?? 0, 'SIGKILL');
      running.child.kill('SIGKILL');
      await running.exited;
      await expect.poll(() => isAlive(postmaster?.pid ?? 0), { timeout: 10_000 }).toBe(false);

      // The next start finds a stale postmaster.pid; PostgreSQL recovers from its WAL.
      running = await startServe([], env);
      const ticket = await api(running, token, `/api/support/tickets/${id}/`);
      expect(ticket.status).toBe(200);
      expect(await ticket.json()).toMatchObject({ subject: 'Survives kill -9 of the postmaster' });
      await stopServe(running);
      expect(runningPostmaster(clusterOf(dir))).toBeNull();
    },
  );
});
