/**
 * Startup benchmark: how long `bfg2-support serve` (embedded PGlite, the default install) takes from
 * process spawn to its first 200 on /healthz, and how much memory it holds once idle, against a bare
 * Node http server measured the same way in the same run.
 *
 *   npm run build && npx tsx bench/startup.ts [--runs 5] [--postgres postgres://127.0.0.1:5432/postgres]
 *
 * Targets: startup < 2000 ms (median), idle RSS < 200 MB. With --postgres it also measures serve on
 * PostgreSQL (DATABASE_URL, the production set-up) in a database it creates on that server and drops.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const POSTGRES = process.argv.includes('--postgres')
  ? (process.argv[process.argv.indexOf('--postgres') + 1] ?? '')
  : null;
const PG_BENCH_DB = 'bfg2_bench_startup';
const IDLE_MS = 2_000;
const POLL_MS = 10;
const START_TIMEOUT_MS = 30_000;
const TARGET_STARTUP_MS = 2_000;
const TARGET_RSS_MB = 200;

const BASELINE_SERVER = `require('node:http')
  .createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('ok'); })
  .listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));`;

// The floor the embedded database sets: the same PGlite data dir opened with the product's options, and
// an HTTP server answering after a query. What serve uses beyond this is the application's own cost.
const BASELINE_PGLITE = `import http from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
const db = await PGlite.create(process.env.DATA_DIR + '/pglite', {
  extensions: { pg_trgm, unaccent, btree_gin },
  postgresqlconf: ['shared_buffers=32MB'],
});
http.createServer(async (req, res) => { await db.query('SELECT 1'); res.writeHead(200); res.end('ok'); })
  .listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));`;

interface Sample {
  startupMs: number;
  rssMb: number;
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

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kb) / 1024;
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

/** Spawns a server, times spawn → first 200, waits idle, reads its RSS, stops it with SIGTERM. */
async function measure(label: string, args: string[], env: NodeJS.ProcessEnv, port: number): Promise<Sample> {
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
    return { startupMs, rssMb: rssMb(child.pid) };
  } finally {
    child.kill('SIGTERM');
    if (!(await exited(child, 20_000))) {
      console.error(`${label} ignored SIGTERM for 20 s; killing it`);
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
  };
}

async function main(): Promise<number> {
  if (!existsSync(CLI)) {
    console.error(
      `${path.relative(process.cwd(), CLI)} not found: run \`npm run build\` first, then \`npx tsx bench/startup.ts\`.`,
    );
    return 1;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bfg2-bench-startup-'));
  try {
    const migrate = spawnSync(process.execPath, [CLI, 'migrate'], {
      cwd: ROOT,
      env: childEnv({ DATA_DIR: dataDir }),
      encoding: 'utf8',
    });
    if (migrate.status !== 0) {
      console.error(
        `\`node dist/cli.js migrate\` failed (exit ${migrate.status}):\n${migrate.stderr}${migrate.stdout}`,
      );
      return 1;
    }

    const app: Sample[] = [];
    const bare: Sample[] = [];
    const pglite: Sample[] = [];
    for (let i = 1; i <= RUNS; i += 1) {
      const port = await freePort();
      const env = childEnv({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO_SEED: 'never' });
      const a = await measure('bfg2-support serve', [CLI, 'serve'], env, port);
      const basePort = await freePort();
      const b = await measure(
        'baseline',
        ['-e', BASELINE_SERVER],
        childEnv({ PORT: String(basePort) }),
        basePort,
      );
      const pglitePort = await freePort();
      const p = await measure(
        'bare PGlite',
        ['--input-type=module', '-e', BASELINE_PGLITE],
        childEnv({ PORT: String(pglitePort), DATA_DIR: dataDir }),
        pglitePort,
      );
      app.push(a);
      bare.push(b);
      pglite.push(p);
      console.log(
        `run ${i}/${RUNS}: serve ${a.startupMs.toFixed(0)} ms, ${a.rssMb.toFixed(1)} MB; ` +
          `baseline ${b.startupMs.toFixed(0)} ms, ${b.rssMb.toFixed(1)} MB; ` +
          `bare PGlite ${p.startupMs.toFixed(0)} ms, ${p.rssMb.toFixed(1)} MB`,
      );
    }

    const s = summary(app);
    const b = summary(bare);
    const startupOk = s.median < TARGET_STARTUP_MS;
    const rssOk = s.rss < TARGET_RSS_MB;
    const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(22) : c.padStart(12))).join('');
    console.log();
    console.log(`startup to first 200 on /healthz, ${RUNS} runs, Node ${process.version}, embedded PGlite`);
    // Absolute figures depend on the machine's load; the ratio to the bare server is the steadier one.
    console.log(`load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} CPUs`);
    console.log(row(['', 'serve', 'bare node', 'ratio', 'target', 'result']));
    console.log(
      row([
        'startup median (ms)',
        s.median.toFixed(0),
        b.median.toFixed(0),
        `${(s.median / b.median).toFixed(1)}x`,
        `< ${TARGET_STARTUP_MS}`,
        startupOk ? 'PASS' : 'FAIL',
      ]),
    );
    console.log(row(['startup min (ms)', s.min.toFixed(0), b.min.toFixed(0), '', '', '']));
    console.log(row(['startup max (ms)', s.max.toFixed(0), b.max.toFixed(0), '', '', '']));
    console.log(
      row([
        `idle RSS after ${IDLE_MS / 1000} s (MB)`,
        s.rss.toFixed(1),
        b.rss.toFixed(1),
        `${(s.rss / b.rss).toFixed(1)}x`,
        `< ${TARGET_RSS_MB}`,
        rssOk ? 'PASS' : 'FAIL',
      ]),
    );
    const f = summary(pglite);
    console.log();
    console.log('the embedded database alone (same data dir and options, no application):');
    console.log(row(['', 'serve', 'bare PGlite', 'ratio', '', '']));
    console.log(
      row([
        'startup median (ms)',
        s.median.toFixed(0),
        f.median.toFixed(0),
        `${(s.median / f.median).toFixed(1)}x`,
        '',
        '',
      ]),
    );
    console.log(
      row(['idle RSS (MB)', s.rss.toFixed(1), f.rss.toFixed(1), `${(s.rss / f.rss).toFixed(1)}x`, '', '']),
    );
    if (POSTGRES !== null) await measurePostgres(POSTGRES, row);
    return startupOk && rssOk ? 0 : 1;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** serve on PostgreSQL (the production set-up): the same spawn → /healthz → idle RSS, in a fresh database. */
async function measurePostgres(serverUrl: string, row: (cells: string[]) => string): Promise<void> {
  if (!/^postgres(ql)?:\/\//.test(serverUrl))
    throw new Error('--postgres wants a postgres:// URL of the server');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const url = new URL(serverUrl);
  url.pathname = `/${PG_BENCH_DB}`;
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${PG_BENCH_DB}`);
    await admin.query(`CREATE DATABASE ${PG_BENCH_DB}`);
    const env = (extra: Record<string, string>) => ({ ...childEnv(extra), DATABASE_URL: url.toString() });
    const scratch = mkdtempSync(path.join(tmpdir(), 'bfg2-bench-startup-pg-'));
    try {
      const migrate = spawnSync(process.execPath, [CLI, 'migrate'], {
        cwd: ROOT,
        env: env({ DATA_DIR: scratch }),
        encoding: 'utf8',
      });
      if (migrate.status !== 0)
        throw new Error(`migrate on PostgreSQL failed:\n${migrate.stderr}${migrate.stdout}`);
      const samples: Sample[] = [];
      for (let i = 1; i <= RUNS; i += 1) {
        const port = await freePort();
        const e = env({ DATA_DIR: scratch, PORT: String(port), HOST: '127.0.0.1', DEMO_SEED: 'never' });
        const sample = await measure('bfg2-support serve (PostgreSQL)', [CLI, 'serve'], e, port);
        samples.push(sample);
        console.log(
          `PostgreSQL run ${i}/${RUNS}: serve ${sample.startupMs.toFixed(0)} ms, ${sample.rssMb.toFixed(1)} MB`,
        );
      }
      const s = summary(samples);
      console.log();
      console.log('serve on PostgreSQL (DATABASE_URL; the database runs in its own processes):');
      console.log(row(['', 'serve', '', '', 'target', 'result']));
      console.log(
        row([
          'startup median (ms)',
          s.median.toFixed(0),
          '',
          '',
          `< ${TARGET_STARTUP_MS}`,
          s.median < TARGET_STARTUP_MS ? 'PASS' : 'FAIL',
        ]),
      );
      console.log(
        row([
          'idle RSS (MB)',
          s.rss.toFixed(1),
          '',
          '',
          `< ${TARGET_RSS_MB}`,
          s.rss < TARGET_RSS_MB ? 'PASS' : 'FAIL',
        ]),
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${PG_BENCH_DB} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

process.exitCode = await main();
