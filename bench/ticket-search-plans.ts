/**
 * Ticket ranking, database side only: support_ticket_search_ranked as migration 0040 wrote it next to
 * the current one (0051), on the same data in the same session, alternating, each under EXPLAIN
 * (ANALYZE, BUFFERS). Prints per query the matches ranked, the execution time (min and p50) and the
 * buffers touched: the blocks do not depend on the machine's load, the times do.
 *
 *   npx tsx bench/ticket-search-plans.ts [--db bfg2_bench] [--runs 5] [--workspace bench-0]
 *
 * Needs a database bench/inbox.ts filled (run it first, e.g. with --db NAME, and keep the data);
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? String(argv[i + 1]) : fallback;
};
const DB = opt('db', 'bfg2_bench');
const RUNS = Number(opt('runs', '5'));
const SLUG = opt('workspace', 'bench-0');
const QUERIES = [
  'order',
  'refund',
  'charged twice',
  'flamingo',
  'zeppelin',
  'telescope',
  'harmonica',
  'kayak paddle',
];

const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
url.pathname = `/${DB}`;
const client = new pg.Client({ connectionString: url.toString() });
await client.connect();

// 0040's function under another name, in this session only.
const file = readFileSync(
  new URL('../src/db/migrations/0040_ticket_bm25_ranking.sql', import.meta.url),
  'utf8',
);
const start = file.indexOf('CREATE FUNCTION support_ticket_search_ranked(');
if (start < 0) throw new Error('0040 no longer holds support_ticket_search_ranked');
await client.query(
  file
    .slice(start)
    .replace('CREATE FUNCTION support_ticket_search_ranked(', 'CREATE FUNCTION pg_temp.ranked_0040('),
);
const ws = Number(
  (await client.query<{ id: string }>('SELECT id FROM workspaces WHERE slug = $1', [SLUG])).rows[0]?.id,
);
if (!ws) throw new Error(`no workspace ${SLUG} in ${DB}`);
await client.query(`SELECT set_config('app.workspace_id', $1, false)`, [String(ws)]);

interface Sample {
  ms: number;
  blocks: number;
  rows: number;
}
async function explain(fn: string, q: string): Promise<Sample> {
  const { rows } = await client.query<{
    'QUERY PLAN': [{ 'Execution Time': number; Plan: Record<string, number> }];
  }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT * FROM ${fn}($1::bigint, $2::text, true, '', '', 500)`, [
    ws,
    q,
  ]);
  const [out] = rows[0]!['QUERY PLAN'];
  const plan = out.Plan;
  return {
    ms: out['Execution Time'],
    blocks: (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0),
    rows: plan['Actual Rows'] ?? 0,
  };
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const p50 = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)] ?? NaN;
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`${DB}, workspace ${SLUG}; ${RUNS} runs per query, alternating; load ${load}`);
console.log('query            rows  0040 min/p50 ms  now min/p50 ms  ratio p50  0040 blocks  now blocks');
for (const q of QUERIES) {
  const before: Sample[] = [];
  const after: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    before.push(await explain('pg_temp.ranked_0040', q));
    after.push(await explain('support_ticket_search_ranked', q));
  }
  const ms = (s: Sample[]) => s.map((x) => x.ms);
  console.log(
    [
      q.padEnd(16),
      String(after[0]?.rows).padStart(4),
      `${Math.min(...ms(before)).toFixed(1)}/${p50(ms(before)).toFixed(1)}`.padStart(15),
      `${Math.min(...ms(after)).toFixed(1)}/${p50(ms(after)).toFixed(1)}`.padStart(14),
      (p50(ms(before)) / p50(ms(after))).toFixed(2).padStart(9),
      String(Math.max(...before.map((x) => x.blocks))).padStart(11),
      String(Math.max(...after.map((x) => x.blocks))).padStart(10),
    ].join('  '),
  );
}
await client.end();
