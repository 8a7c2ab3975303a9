/**
 * Where a stats call spends its time: runs GET /api/support/stats/'s use case once with every statement
 * logged, then each statement again under EXPLAIN (ANALYZE, BUFFERS) as the app role in the workspace,
 * printing its execution time, shared buffers hit/read and the plan's top node. Execution times are
 * PostgreSQL's own (still noisy under load); buffers do not depend on the load.
 *
 *   npx tsx bench/stats/explain.ts --db bench_stats_1m [--days 90] [--query 'channel=email'] [--plans]
 */
import { loadavg } from 'node:os';
import pg from 'pg';
import { postgresDatabase, postgresPool } from '../../src/db/client.js';
import { supportStats, type StatsQuery } from '../../src/modules/analytics/support-stats.js';
import { databaseUrl } from '../api-load/database.js';

const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const url = databaseUrl(SERVER_URL, opt('db') ?? 'stats_bench');
const DAYS = Number(opt('days') ?? 90);
const extra = Object.fromEntries(new URLSearchParams(opt('query') ?? '')) as Partial<StatsQuery>;

interface Logged {
  sql: string;
  params: readonly unknown[];
  ms: number;
}
const logged: Logged[] = [];
let capture = false;
const db = postgresDatabase(postgresPool(url, 4), {
  log: (event) => {
    if (capture && event.level === 'query')
      logged.push({ sql: event.query.sql, params: event.query.parameters, ms: event.queryDurationMillis });
  },
});

const ws = await db.kysely.selectFrom('workspaces').select(['id', 'timezone']).executeTakeFirstOrThrow();
const now = new Date();
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: ws.timezone }).format(now);
const from = new Date(Date.parse(`${today}T00:00:00Z`) - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
const query: StatsQuery = { from, to: today, ...extra };
await supportStats(db, ws, query, now); // warm
capture = true;
const started = performance.now();
await supportStats(db, ws, query, now);
const total = performance.now() - started;
capture = false;
const statements = logged.filter((l) => !/^(SELECT set_config|COMMIT|BEGIN|ROLLBACK)/i.test(l.sql));
console.log(
  `stats ${JSON.stringify(query)}: ${statements.length} statements, ${total.toFixed(1)} ms in the use case ` +
    `(load ${loadavg()[0]!.toFixed(1)})`,
);
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}
const client = new pg.Client({ connectionString: url });
await client.connect();
let sumExec = 0;
for (const [i, s] of statements.entries()) {
  await client.query('BEGIN');
  await client.query(
    `SELECT set_config('role', 'bfg2_app', true), set_config('app.workspace_id', '${ws.id}', true)`,
  );
  const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.sql}`,
    [...s.params],
  );
  await client.query('ROLLBACK');
  const { Plan: top, 'Execution Time': exec } = rows[0]!['QUERY PLAN'][0];
  sumExec += exec;
  const scans: string[] = [];
  const walk = (n: PlanNode) => {
    if (n['Relation Name'] || n['Index Name'])
      scans.push(`${n['Node Type']} ${n['Index Name'] ?? n['Relation Name']} (${n['Actual Rows']} rows)`);
    n.Plans?.forEach(walk);
  };
  walk(top);
  const first = s.sql.replace(/\s+/g, ' ').trim().slice(0, 110);
  console.log(
    `#${i + 1} exec ${exec.toFixed(1)} ms (client ${s.ms.toFixed(1)} ms), buffers hit ${top['Shared Hit Blocks'] ?? 0} ` +
      `read ${top['Shared Read Blocks'] ?? 0}: ${first}`,
  );
  console.log(`     ${scans.join('; ')}`);
}
console.log(`sum of execution times ${sumExec.toFixed(1)} ms; load ${loadavg()[0]!.toFixed(1)}`);
await client.end();
await db.close();
