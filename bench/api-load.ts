/**
 * HTTP load bench: the product as `serve` runs it, driven over HTTP by a mixed agent/customer workload
 * (bench/api-load/workload.ts: inbox lists with filters, ticket detail, replies, status changes, ticket
 * creation, KB search and article views), next to a bare Fastify + pg server measured in the same run
 * that replays, per request, the SQL statements the product sent for it (captured through the pg driver,
 * bench/api-load/capture.ts). The ratio product/bare is the product's own overhead.
 *
 *   npx tsx bench/api-load.ts [--quick] [--sizes demo,100000] [--connections 1,16,64] [--seconds 5] [--rounds 3]
 *                             [--db apiload_bench] [--port 3201] [--pool 10] [--profile DIR] [--keep]
 *
 * DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); the
 * bench creates database --db there (dropped at the end unless --keep), migrates it, seeds the demo and
 * for a size in tickets grows the demo workspace to it with COPY. Whatever server the URL names is
 * measured — the embedded PostgreSQL included (point DATABASE_URL at its port).
 * The load generator is autocannon (a dev dependency: `npm ci` installs it; nothing else to install).
 * --quick: the demo size only, 3 s per case (under 2 minutes). --profile DIR: the product runs with
 * `node --cpu-prof` and writes its CPU profile to DIR at the end of each size (open it in Chrome DevTools
 * or speedscope). Targets: product ≥ 50 % of bare req/s per case, p95 < 25 ms at 16 connections, 0 errors.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { BENCH_SESSION_SECRET, captureStatements } from './api-load/capture.js';
import { createDemoDatabase, dropDatabase, growDemo } from './api-load/database.js';
import { mergeStats, runLoad, type Stats } from './api-load/load.js';
import { rssMb, sleep, startNode, stopNode, type Server } from './api-load/processes.js';
import { loadWorkloadData, mixedWorkload, perSend, sequence, type Template } from './api-load/workload.js';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout
    .write(`npx tsx bench/api-load.ts [--quick] [--sizes demo,100000] [--connections 1,16,64] [--seconds 5] [--rounds 3]
                          [--db apiload_bench] [--port 3201] [--pool 10] [--profile DIR] [--keep]
  DATABASE_URL names the PostgreSQL server (the bench creates and drops database --db there).
  --quick         the demo size only, one round of 3 s per case
  --seconds N     seconds per round (default 5); --rounds N rounds per case, alternating product and bare (3)
  --pool N        the pool size of the product (DATABASE_POOL_SIZE) and of the bare server
  --profile DIR   run the product with node --cpu-prof, profiles written to DIR
  --statements F  write the captured statements per request to F.<size>.json
`);
  process.exit(0);
}

const QUICK = argv.includes('--quick');
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = opt('db') ?? 'apiload_bench';
const SIZES = (opt('sizes') ?? (QUICK ? 'demo' : 'demo,100000')).split(',');
const CONNECTIONS = (opt('connections') ?? '1,16,64').split(',').map(Number);
const SECONDS = Number(opt('seconds') ?? (QUICK ? 3 : 5));
const ROUNDS = Number(opt('rounds') ?? (QUICK ? 1 : 3));
const PORT = Number(opt('port') ?? 3201);
const POOL = Number(opt('pool') ?? 10);
const PROFILE = opt('profile');
const STATEMENTS = opt('statements');
const KEEP = argv.includes('--keep');
const SETTLE_MS = QUICK ? 1_000 : 5_000;

const log = (s: string) => process.stderr.write(`${s}\n`);
const out = (s: string) => process.stdout.write(`${s}\n`);
const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

interface Row {
  size: string;
  workload: string;
  connections: number;
  product: Stats;
  bare: Stats;
}

async function measureSize(size: string, rows: Row[]): Promise<void> {
  const t0 = Date.now();
  const url = await createDemoDatabase(SERVER_URL, DB_NAME);
  if (size !== 'demo') await growDemo(url, Number(size));
  log(`[${size}] database ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const dataDir = mkdtempSync(path.join(tmpdir(), 'apiload-'));
  const product = await startNode({
    script: 'src/cli.ts',
    args: ['serve'],
    nodeArgs: PROFILE ? ['--cpu-prof', '--cpu-prof-dir', PROFILE] : [],
    env: {
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(POOL),
      DATA_DIR: dataDir,
      SESSION_SECRET: BENCH_SESSION_SECRET,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      // As the shipped bundle (dist/cli.js) runs: without the development-time nested-transaction
      // guard, whose AsyncLocalStorage slows every promise (src/db/tenant.ts).
      TX_GUARD: '0',
    },
    port: PORT,
    ready: '/healthz',
  });
  let bare: Server | null = null;
  try {
    await sleep(SETTLE_MS);
    const data = await loadWorkloadData(product.base, url);
    const mixed = mixedWorkload(data);
    const healthz: Template = { kind: 'healthz', method: 'GET', path: '/healthz', headers: {}, weight: 1 };
    const templates = [...mixed, healthz];
    const dynamic = perSend(data);
    const captured = await captureStatements(url, templates, (t) => {
      const setup = dynamic(t)?.();
      setup?.release?.();
      return { ...t, ...setup, headers: { ...t.headers, ...setup?.headers } };
    });
    const file = path.join(dataDir, 'captured.json');
    writeFileSync(file, JSON.stringify(captured));
    if (STATEMENTS) writeFileSync(`${STATEMENTS}.${size}.json`, JSON.stringify(captured, null, 1));
    const statements = (kind: string) => {
      const c = captured.find((x) => x.kind === kind);
      return c ? `${c.groups.length}/${c.groups.reduce((n, g) => n + g.length, 0)}` : '–';
    };
    log(
      `[${size}] round trips (connections/statements) per request: ` +
        [...new Set(templates.map((t) => t.kind))].map((k) => `${k} ${statements(k)}`).join(', '),
    );
    bare = await startNode({
      script: 'bench/api-load/bare-server.ts',
      args: [file],
      env: { DATABASE_URL: url, POOL_SIZE: String(POOL) },
      port: PORT + 1,
      ready: '/__ready',
    });
    const bareBase = bare.base;
    const workloads: [string, number[]][] = [
      ['mixed', sequence(mixed)],
      ['healthz', [templates.length - 1]],
    ];
    for (const [workload, seq] of workloads) {
      for (const connections of CONNECTIONS) {
        const common = { templates, sequence: seq, connections, dynamic: (t: Template) => dynamic(t) };
        // A short warm-up of each, then rounds that alternate product and bare, so that what else runs
        // on the machine meanwhile weighs on both alike.
        const onProduct = { ...common, url: product.base, pid: product.child.pid };
        const onBare = { ...common, url: bareBase, pid: bare.child.pid, extraHeaders: header };
        await runLoad({ ...onProduct, seconds: 1 });
        await runLoad({ ...onBare, seconds: 1 });
        const pr: Stats[] = [];
        const br: Stats[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          pr.push(await runLoad({ ...onProduct, seconds: SECONDS }));
          br.push(await runLoad({ ...onBare, seconds: SECONDS }));
        }
        const p = mergeStats(pr);
        const b = mergeStats(br);
        rows.push({ size, workload, connections, product: p, bare: b });
        printRow(rows[rows.length - 1] as Row);
        if (workload === 'mixed' && connections === 16) printKinds(p, b);
      }
    }
    log(`[${size}] product RSS after the load: ${f(rssMb(product.child.pid), 0)} MB`);
  } finally {
    if (bare?.stderr()) log(bare.stderr().trim());
    if (bare) await stopNode(bare);
    await stopNode(product);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const header = (i: number) => ({ 'x-bench-template': String(i) });

function printRow(r: Row): void {
  const { product: p, bare: b } = r;
  const ratio = p.rps / b.rps;
  const misses = [
    ratio < 0.5 ? 'ratio' : '',
    r.connections === 16 && p.p95 >= 25 ? 'p95' : '',
    p.errors > 0 ? 'errors' : '',
  ].filter(Boolean);
  out(
    `${r.size.padEnd(7)} ${r.workload.padEnd(8)} ${String(r.connections).padStart(3)} | ` +
      `${f(p.rps, 0).padStart(6)} ${f(p.p50).padStart(6)} ${f(p.p95).padStart(6)} ${f(p.p99).padStart(6)} ${String(p.errors).padStart(4)} | ` +
      `${f(b.rps, 0).padStart(6)} ${f(b.p50).padStart(6)} ${f(b.p95).padStart(6)} ${f(b.p99).padStart(6)} ${String(b.errors).padStart(4)} | ` +
      `${(ratio * 100).toFixed(0).padStart(3)} % | ${f((p.cpu / p.requests) * 1000, 2).padStart(5)} ${f((b.cpu / b.requests) * 1000, 2).padStart(5)} | ` +
      `${misses.length ? `MISSED: ${misses.join(', ')}` : 'ok'}`,
  );
  if (p.errors > 0) out(`        product errors: ${p.errorSample}`);
  if (b.errors > 0) out(`        bare errors: ${b.errorSample}`);
}

function printKinds(p: Stats, b: Stats): void {
  const kinds = [...p.byKind.keys()];
  out(
    `        per kind at 16 connections, p50/p95 ms product (bare): ` +
      kinds
        .map((k) => {
          const x = p.byKind.get(k);
          const y = b.byKind.get(k);
          return `${k} ${f(x?.p50 ?? NaN)}/${f(x?.p95 ?? NaN)} (${f(y?.p50 ?? NaN)}/${f(y?.p95 ?? NaN)})`;
        })
        .join(', '),
  );
}

const rows: Row[] = [];
log(
  `api-load: ${SERVER_URL.replace(/\/\/[^@]*@/, '//')} · sizes ${SIZES.join(', ')} · connections ${CONNECTIONS.join(', ')} · ` +
    `${SECONDS} s per case · pool ${POOL} · ${cpus().length} CPUs, load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
);
out(
  `size    workload conns | product req/s   p50    p95    p99  err |    bare req/s p50    p95    p99  err | product/bare | CPU ms/req product bare`,
);
try {
  for (const size of SIZES) await measureSize(size, rows);
} finally {
  if (!KEEP) await dropDatabase(SERVER_URL, DB_NAME);
}
