/**
 * Soak: the mixed workload of bench/api-load.ts at a moderate, fixed rate for N minutes against the
 * product as `serve` runs it, printing every 10 s the product's RSS and heap, the p95 and the errors of
 * the last 10 s; at the end the RSS growth from the first sample after warm-up (target: ≤ +10 %) next to
 * the bare Node baseline (the same rate against a bare Fastify + pg server replaying the same SQL, run
 * alongside for the same time, whose RSS is printed in the same row).
 *
 *   npx tsx bench/soak.ts [--minutes 10] [--rate 50] [--connections 8] [--db apiload_soak] [--port 3250]
 *                         [--embedded]
 *
 * DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); the
 * database --db is created, seeded with the demo and dropped at the end. --embedded: an embedded
 * PostgreSQL with the product's own settings (src/db/embedded), started in a temporary directory, instead.
 * Each row also prints the dead row versions in the database: with autovacuum off (this machine's CI
 * server is configured so; the bench warns) they only grow, and the p95 drifts with them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BENCH_SESSION_SECRET, captureStatements } from './api-load/capture.js';
import { autovacuumWarning, createDemoDatabase, deadRows, dropDatabase } from './api-load/database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/db/embedded/embedded-postgres.js';
import { runLoad } from './api-load/load.js';
import { rssMb, startNode, stopNode, type Server } from './api-load/processes.js';
import { loadWorkloadData, mixedWorkload, perSend, sequence } from './api-load/workload.js';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const dbIndex = argv.indexOf('--db');
const DB_NAME = dbIndex >= 0 ? String(argv[dbIndex + 1]) : 'apiload_soak';
const MINUTES = opt('minutes', 10);
const RATE = opt('rate', 50);
const CONNECTIONS = opt('connections', 8);
const PORT = opt('port', 3250);
const SAMPLE_S = 10;
const EMBEDDED = argv.includes('--embedded');
const out = (s: string) => process.stdout.write(`${s}\n`);

/** /metrics is off unless the product has a token (README: METRICS_TOKEN). */
const METRICS_TOKEN = 'soak-bench-metrics-token-0123456789';

/** heap_used from the product's /metrics (prom-client's nodejs_heap_size_used_bytes), in MB. */
async function heapMb(base: string): Promise<number> {
  try {
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await res.text();
    const m = /^nodejs_heap_size_used_bytes (\d+(?:\.\d+)?)/m.exec(text);
    return m ? Number(m[1]) / 2 ** 20 : NaN;
  } catch {
    return NaN;
  }
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'apiload-soak-'));
let embedded: EmbeddedPostgres | null = null;
if (EMBEDDED) embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'embedded') });
const SERVER_URL =
  embedded?.serverUrl ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const warning = await autovacuumWarning(SERVER_URL);
if (warning) out(warning);
const url = await createDemoDatabase(SERVER_URL, DB_NAME);
let product: Server | null = null;
let bare: Server | null = null;
try {
  product = await startNode({
    script: 'src/cli.ts',
    args: ['serve'],
    env: {
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      SESSION_SECRET: BENCH_SESSION_SECRET,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      METRICS_TOKEN,
    },
    port: PORT,
    ready: '/healthz',
  });
  const data = await loadWorkloadData(product.base, url);
  const templates = mixedWorkload(data);
  const dynamic = perSend(data);
  const captured = await captureStatements(url, templates, (t) => {
    const setup = dynamic(t)?.();
    setup?.release?.();
    return { ...t, ...setup, headers: { ...t.headers, ...setup?.headers } };
  });
  const file = path.join(dataDir, 'captured.json');
  writeFileSync(file, JSON.stringify(captured));
  bare = await startNode({
    script: 'bench/api-load/bare-server.ts',
    args: [file],
    env: { DATABASE_URL: url },
    port: PORT + 1,
    ready: '/__ready',
  });
  const seq = sequence(templates);
  out(
    `soak: ${MINUTES} min, ${RATE} req/s on ${CONNECTIONS} connections each (product and bare), ` +
      `${EMBEDDED ? 'embedded PostgreSQL' : 'PostgreSQL at DATABASE_URL'}`,
  );
  out(`   t | product RSS   heap   req/s  p95 ms  errors | bare RSS  req/s  p95 ms  errors | dead rows`);
  const samples = Math.max(1, Math.round((MINUTES * 60) / SAMPLE_S));
  let first: number | null = null;
  let last = NaN;
  let errors = 0;
  for (let i = 1; i <= samples; i++) {
    const common = { templates, sequence: seq, connections: CONNECTIONS, seconds: SAMPLE_S };
    const [p, b] = await Promise.all([
      runLoad({ ...common, url: product.base, overallRate: RATE, dynamic: (t) => dynamic(t) }),
      runLoad({
        ...common,
        url: bare.base,
        overallRate: RATE,
        extraHeaders: (index) => ({ 'x-bench-template': String(index) }),
      }),
    ]);
    const rss = rssMb(product.child.pid);
    // The first minute warms up (JIT, pools, caches); growth is measured from there.
    if (i === Math.min(samples, 6)) first = rss;
    last = rss;
    errors += p.errors;
    out(
      `${String(i * SAMPLE_S).padStart(4)} | ${rss.toFixed(0).padStart(8)} MB ${(await heapMb(product.base)).toFixed(0).padStart(4)} MB ` +
        `${p.rps.toFixed(0).padStart(6)} ${p.p95.toFixed(1).padStart(7)} ${String(p.errors).padStart(7)} | ` +
        `${rssMb(bare.child.pid).toFixed(0).padStart(5)} MB ${b.rps.toFixed(0).padStart(5)} ${b.p95.toFixed(1).padStart(7)} ${String(b.errors).padStart(7)} | ` +
        `${String(await deadRows(url)).padStart(9)}` +
        (p.errors > 0 ? `  product: ${p.errorSample}` : '') +
        (b.errors > 0 ? `  bare: ${b.errorSample}` : ''),
    );
  }
  if (bare.stderr()) out(bare.stderr().trim());
  const growth = first ? ((last - first) / first) * 100 : NaN;
  out(
    `product RSS ${first?.toFixed(0) ?? '–'} MB after warm-up → ${last.toFixed(0)} MB at the end ` +
      `(${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %, target ≤ +10 %), ${errors} errors`,
  );
} finally {
  if (bare) await stopNode(bare);
  if (product) await stopNode(product);
  await dropDatabase(SERVER_URL, DB_NAME);
  await embedded?.release();
  rmSync(dataDir, { recursive: true, force: true });
}
