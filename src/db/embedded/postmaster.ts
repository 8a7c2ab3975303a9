/**
 * One PostgreSQL cluster on disk, driven with the package's own tools: initdb creates it, pg_ctl starts
 * the postmaster detached (its own session, so it outlives a crash of the product and a Ctrl-C does not
 * reach it) and stops it. postmaster.pid tells whether one runs, on which port, and whether it is ready.
 */
import { spawn } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { postgresBinaries } from './binaries.js';
import { isAlive } from './file-lock.js';
import type { RunAs } from './run-as.js';

/** The superuser initdb creates; the product connects as it, with a password kept in DATA_DIR. */
export const SUPERUSER = 'postgres';
const CONF_FILE = 'bfg2.conf';
const LOG_FILE = 'postmaster.log';
const LOG_KEEP_BYTES = 10 * 1024 * 1024;
const PG_CTL_TIMEOUT_S = 60;

export interface RunningPostmaster {
  pid: number;
  port: number;
  /** postmaster.pid's status line: starting, ready, stopping, standby. */
  status: string;
}

function run(file: string, args: string[], runAs: RunAs | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      // Messages in English whatever the caller's locale: they end up in our errors.
      env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
      ...(runAs ?? {}),
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(file)} failed (exit ${code}): ${stderr.trim()}`));
    });
  });
}

function chown(file: string, runAs: RunAs | null): void {
  if (runAs) chownSync(file, runAs.uid, runAs.gid);
}

/** Whether dir holds a complete cluster (initdb ran to the end: see initCluster). */
export function isInitialised(dir: string): boolean {
  return existsSync(path.join(dir, 'PG_VERSION'));
}

/**
 * Creates the cluster: initdb into a sibling directory renamed into place when complete, so an
 * interrupted first start leaves nothing that looks initialised. UTF-8 with the builtin C.UTF-8 locale
 * (the same sort order on every OS, no dependency on the system's locales); scram passwords on TCP.
 */
export async function initCluster(dir: string, password: string, runAs: RunAs | null): Promise<void> {
  const { initdb } = postgresBinaries();
  const tmp = `${dir}.init-${process.pid}`;
  const pwfile = `${tmp}.pw`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { mode: 0o700 });
  chown(tmp, runAs);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  chown(pwfile, runAs);
  try {
    await run(
      initdb,
      [
        `--pgdata=${tmp}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
        '--no-instructions',
      ],
      runAs,
    );
    const conf = path.join(tmp, 'postgresql.conf');
    writeFileSync(conf, `${readFileSync(conf, 'utf8')}\ninclude_if_exists = '${CONF_FILE}'\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } finally {
    rmSync(pwfile, { force: true });
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The server settings, rewritten before every start so that a new release's tuning applies. */
export function writeSettings(
  dir: string,
  settings: Record<string, string | number>,
  runAs: RunAs | null,
): void {
  const file = path.join(dir, CONF_FILE);
  const lines = Object.entries(settings).map(([k, v]) => `${k} = ${typeof v === 'number' ? v : `'${v}'`}`);
  writeFileSync(
    file,
    `# Written by bfg2-support at every start; edits here are lost.\n${lines.join('\n')}\n`,
    {
      mode: 0o600,
    },
  );
  chown(file, runAs);
}

/** The postmaster that postmaster.pid names, when that process is alive and is a postgres. */
export function runningPostmaster(dir: string): RunningPostmaster | null {
  let lines: string[];
  try {
    lines = readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  // After a reboot the pid may belong to something else, and an exited postmaster may linger as a
  // zombie until reaped; /proc tells on Linux.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (!stat.includes('(postgres)') || procState(pid) === 'Z') return null;
  } catch {
    // no /proc (macOS): trust the pid
  }
  return { pid, port, status: (lines[7] ?? '').trim() };
}

function procState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return null;
  }
}

/** How many processes attach the System V segment postmaster.pid names (null: unknown, e.g. not Linux). */
function attachedToSegment(shmid: number): number | null {
  try {
    for (const line of readFileSync('/proc/sysvipc/shm', 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (Number(cols[1]) === shmid) return Number(cols[6]);
    }
    return 0; // the segment is gone
  } catch {
    return null;
  }
}

/**
 * A postmaster killed with -9 stays a zombie until its parent (init, as pg_ctl has exited) reaps it;
 * some container inits reap late. PostgreSQL sees the zombie's pid as alive and refuses to start. When
 * postmaster.pid names a zombie and no process is attached to its shared memory any more (its backends
 * are gone too) — what PostgreSQL would check itself — the stale file is removed.
 */
export function removeStalePidFile(dir: string): void {
  const file = path.join(dir, 'postmaster.pid');
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split('\n');
  } catch {
    return;
  }
  const pid = Number(lines[0]);
  const shmid = Number((lines[6] ?? '').trim().split(/\s+/)[1]);
  if (procState(pid) !== 'Z' || !Number.isInteger(shmid)) return;
  if (attachedToSegment(shmid) === 0) rmSync(file, { force: true });
}

/** Starts the postmaster on port and waits until it accepts connections. */
export async function startPostmaster(dir: string, port: number, runAs: RunAs | null): Promise<void> {
  const log = path.join(dir, LOG_FILE);
  try {
    // The log keeps warnings and errors only; one older generation is enough for a small install.
    if (statSync(log).size > LOG_KEEP_BYTES) renameSync(log, `${log}.1`);
  } catch {
    // no log yet
  }
  const { pgCtl } = postgresBinaries();
  try {
    await run(
      pgCtl,
      [
        'start',
        '--pgdata',
        dir,
        '--wait',
        '--timeout',
        String(PG_CTL_TIMEOUT_S),
        '--silent',
        '--log',
        log,
        '-o',
        `-p ${port}`,
      ],
      runAs,
    );
  } catch (err) {
    let tail = '';
    try {
      tail = readFileSync(log, 'utf8').trim().split('\n').slice(-5).join(' | ');
    } catch {
      // nothing logged
    }
    throw new Error(`${(err as Error).message}${tail ? ` — ${LOG_FILE}: ${tail}` : ''}`);
  }
}

/** Stops the postmaster: fast shutdown (sessions end, a checkpoint is written), waiting until it is gone. */
export function stopPostmaster(dir: string, runAs: RunAs | null): Promise<void> {
  const { pgCtl } = postgresBinaries();
  return run(
    pgCtl,
    ['stop', '--pgdata', dir, '--mode', 'fast', '--wait', '--timeout', String(PG_CTL_TIMEOUT_S), '--silent'],
    runAs,
  );
}
