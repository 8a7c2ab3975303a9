/**
 * Startup benchmark: how long `bfg2-support serve` on the embedded PostgreSQL (the default install)
 * takes from process spawn to its first 200 on /healthz on an existing data dir (the postmaster is
 * started by serve and stopped on SIGTERM each run), and how much memory the product and all its
 * postgres processes hold once idle — next to, in the same run, a bare Node http server and a bare
 * "PostgreSQL + pg + http" server that starts the same cluster and answers after a SELECT 1.
 *
 *   npm run build && npx tsx bench/startup.ts [--runs 5] [--idle 5]
 *
 * Targets: startup < 2000 ms (median), idle memory of the product and its database together < 220 MB.
 * A sum of RSS counts PostgreSQL's shared buffers and binaries once per process that maps them (a dozen
 * times); PSS (proportional set size, Linux) splits shared pages between the processes sharing them.
 * "memory" is the product's RSS (its own, however many other node processes run on the machine) plus the
 * PSS of the postgres processes (which share pages only among themselves); both sums are printed too.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { postgresBinaries } from '../src/db/embedded/binaries.js';
import { runningPostmaster } from '../src/db/embedded/postmaster.js';
import { postgresRunAs } from '../src/db/embedded/run-as.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const arg = (name: string) => Number(process.argv[process.argv.indexOf(name) + 1]) || 0;
const RUNS = arg('--runs') || 5;
const IDLE_MS = (arg('--idle') || 5) * 1000;
const POLL_MS = 10;
const START_TIMEOUT_MS = 60_000;
const TARGET_STARTUP_MS = 2_000;
const TARGET_MB = 220;

const BASELINE_SERVER = `require('node:http')
  .createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('ok'); })
  .listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));`;

// The floor the embedded database sets: the same cluster started with pg_ctl as serve starts it, one pg
// client, an HTTP server answering after a query. What serve takes beyond this is the application's.
const BASELINE_POSTGRES = `import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';
const { PGCTL, PGDATA, PG_UID, PG_GID, PORT, PG_PORT, DATA_DIR } = process.env;
const as = PG_UID ? { uid: Number(PG_UID), gid: Number(PG_GID) } : {};
const pgCtl = (args) => spawnSync(PGCTL, args, { ...as, stdio: 'ignore' });
pgCtl(['start', '-D', PGDATA, '-w', '-s', '-l', PGDATA + '/postmaster.log', '-o', '-p ' + PG_PORT]);
const { password } = JSON.parse(readFileSync(DATA_DIR + '/postgres.json', 'utf8'));
const client = new pg.Client({ host: '127.0.0.1', port: Number(PG_PORT), user: 'postgres', password, database: 'bfg2' });
await client.connect();
http.createServer(async (req, res) => { await client.query('SELECT 1'); res.writeHead(200); res.end('ok'); })
  .listen(Number(PORT), '127.0.0.1');
process.on('SIGTERM', async () => { await client.end(); pgCtl(['stop', '-D', PGDATA, '-m', 'fast', '-w', '-s']); process.exit(0); });`;

interface Memory {
  rssMb: number;
  pssMb: number;
  /** RSS of the first process (the product) + PSS of the postgres processes. */
  memoryMb: number;
  processes: number;
}

interface Sample extends Memory {
  startupMs: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The environment of a child: the embedded database in dataDir, whatever the caller's shell says. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...extra };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  return env;
}

function kb(file: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(readFileSync(file, 'utf8'));
  return Number(m?.[1] ?? 0);
}

/** The pids whose parent is pid (the postmaster's backends and auxiliary processes). */
function children(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** RSS and PSS of a process, plus the postmaster of dataDir and all its children. */
function memory(pid: number, dataDir: string | null): Memory {
  const pids = [pid];
  const postmaster = dataDir ? runningPostmaster(path.join(dataDir, 'postgres')) : null;
  if (postmaster) pids.push(postmaster.pid, ...children(postmaster.pid));
  let rss = 0;
  let pss = 0;
  let used = 0;
  for (const [i, p] of pids.entries()) {
    try {
      const r = kb(`/proc/${p}/status`, 'VmRSS');
      const s = kb(`/proc/${p}/smaps_rollup`, 'Pss');
      rss += r;
      pss += s;
      used += i === 0 ? r : s;
    } catch {
      // exited meanwhile
    }
  }
  return { rssMb: rss / 1024, pssMb: pss / 1024, memoryMb: used / 1024, processes: pids.length };
}

async function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Spawns a server, times spawn → first 200, waits idle, reads its memory, stops it with SIGTERM. */
async function measure(
  label: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  dataDir: string | null,
): Promise<Sample> {
  const url = `http://127.0.0.1:${port}/healthz`;
  let output = '';
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    let startupMs = -1;
    while (startupMs < 0) {
      if (child.exitCode !== null)
        throw new Error(`${label} exited with ${child.exitCode} before answering:\n${output}`);
      if (performance.now() - started > START_TIMEOUT_MS)
        throw new Error(`${label} did not answer in time:\n${output}`);
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
        await res.arrayBuffer();
        if (res.status === 200) startupMs = performance.now() - started;
      } catch {
        // not listening yet
      }
      if (startupMs < 0) await sleep(POLL_MS);
    }
    await sleep(IDLE_MS);
    if (child.pid === undefined) throw new Error(`${label} has no pid`);
    return { startupMs, ...memory(child.pid, dataDir) };
  } finally {
    child.kill('SIGTERM');
    if (!(await exited(child, 30_000))) {
      console.error(`${label} ignored SIGTERM for 30 s; killing it`);
      child.kill('SIGKILL');
      await exited(child, 5_000);
    }
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

function summary(samples: Sample[]) {
  const ms = samples.map((s) => s.startupMs);
  return {
    median: median(ms),
    min: Math.min(...ms),
    max: Math.max(...ms),
    rss: median(samples.map((s) => s.rssMb)),
    pss: median(samples.map((s) => s.pssMb)),
    memory: median(samples.map((s) => s.memoryMb)),
    processes: median(samples.map((s) => s.processes)),
  };
}

const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(34) : c.padStart(12))).join('');
const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

async function main(): Promise<number> {
  if (!existsSync(CLI)) {
    console.error(`${path.relative(process.cwd(), CLI)} not found: run \`npm run build\` first.`);
    return 1;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bfg2-bench-startup-'));
  try {
    // The first run's initdb and migrations, by the CLI (which stops the PostgreSQL it started).
    const migrate = spawnSync(process.execPath, [CLI, 'migrate'], {
      cwd: ROOT,
      env: childEnv({ DATA_DIR: dataDir }),
      encoding: 'utf8',
    });
    if (migrate.status !== 0) {
      console.error(`\`node dist/cli.js migrate\` failed (exit ${migrate.status}):\n${migrate.stderr}`);
      return 1;
    }
    const runAs = postgresRunAs();
    const pgdata = path.join(dataDir, 'postgres');
    const app: Sample[] = [];
    const bare: Sample[] = [];
    const floor: Sample[] = [];
    for (let i = 1; i <= RUNS; i += 1) {
      const port = await freePort();
      const env = childEnv({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
      const a = await measure('bfg2-support serve', [CLI, 'serve'], env, port, dataDir);
      const basePort = await freePort();
      const b = await measure(
        'baseline',
        ['-e', BASELINE_SERVER],
        childEnv({ PORT: String(basePort) }),
        basePort,
        null,
      );
      const floorPort = await freePort();
      const f = await measure(
        'bare PostgreSQL',
        ['--input-type=module', '-e', BASELINE_POSTGRES],
        childEnv({
          PORT: String(floorPort),
          PG_PORT: String(await freePort()),
          DATA_DIR: dataDir,
          PGDATA: pgdata,
          PGCTL: postgresBinaries().pgCtl,
          ...(runAs ? { PG_UID: String(runAs.uid), PG_GID: String(runAs.gid) } : {}),
        }),
        floorPort,
        dataDir,
      );
      app.push(a);
      bare.push(b);
      floor.push(f);
      const fmt = (s: Sample) => `${s.startupMs.toFixed(0)} ms, ${s.memoryMb.toFixed(1)} MB`;
      console.log(`run ${i}/${RUNS}: serve ${fmt(a)}; bare node ${fmt(b)}; bare PostgreSQL ${fmt(f)}`);
    }

    const s = summary(app);
    const b = summary(bare);
    const f = summary(floor);
    console.log();
    console.log(
      `startup to first 200 on /healthz (existing data dir), ${RUNS} runs, Node ${process.version}, ` +
        `embedded PostgreSQL; memory after ${IDLE_MS / 1000} s idle, product + postmaster + its processes`,
    );
    // Absolute figures depend on the machine's load; the ratio to the bare servers is the steadier one.
    console.log(`load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} CPUs`);
    console.log(row(['', 'serve', 'bare node', 'bare PG', 'serve/PG', 'target', 'result']));
    const ratio = (x: number, y: number) => `${(x / y).toFixed(1)}x`;
    console.log(
      row([
        'startup median (ms)',
        s.median.toFixed(0),
        b.median.toFixed(0),
        f.median.toFixed(0),
        ratio(s.median, f.median),
        `< ${TARGET_STARTUP_MS}`,
        pass(s.median < TARGET_STARTUP_MS),
      ]),
    );
    console.log(row(['startup min (ms)', s.min.toFixed(0), b.min.toFixed(0), f.min.toFixed(0)]));
    console.log(row(['startup max (ms)', s.max.toFixed(0), b.max.toFixed(0), f.max.toFixed(0)]));
    console.log(
      row([
        'idle memory (MB)',
        s.memory.toFixed(1),
        b.memory.toFixed(1),
        f.memory.toFixed(1),
        ratio(s.memory, f.memory),
        `< ${TARGET_MB}`,
        pass(s.memory < TARGET_MB),
      ]),
    );
    console.log(row(['  sum of RSS (MB)', s.rss.toFixed(1), b.rss.toFixed(1), f.rss.toFixed(1)]));
    console.log(row(['  sum of PSS (MB)', s.pss.toFixed(1), b.pss.toFixed(1), f.pss.toFixed(1)]));
    console.log(row(['processes', String(s.processes), String(b.processes), String(f.processes)]));
    return s.median < TARGET_STARTUP_MS && s.memory < TARGET_MB ? 0 : 1;
  } finally {
    // A run that failed half-way may have left the cluster running: migrate joins it and stops it.
    spawnSync(process.execPath, [CLI, 'migrate'], { cwd: ROOT, env: childEnv({ DATA_DIR: dataDir }) });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
