/**
 * Tuning loop for the KB ranking on ONE collection (covid-faq by default): a PostgreSQL database with
 * the collection loaded through the authoring API once (kept between runs), then the questions asked
 * through searchArticles with an SQL file of `CREATE OR REPLACE FUNCTION`s applied first. Prints MRR@10
 * against the bench's plain BM25 on the tuning half (even-numbered questions) and the held-out half.
 *
 *   npx tsx bench/relevance/tune.ts [--collection covid-faq] [--sql variant.sql] [--fresh] [--db NAME]
 *
 * TEST_DATABASE_URL (or BENCH_DATABASE_URL) names the server.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { inWorkspace } from '../../src/db/tenant.js';
import { searchArticles } from '../../src/modules/kb/search-articles.js';
import { bm25Index } from './bm25.js';
import { loadCollection, type CollectionName } from './collections.js';
import { score } from './metrics.js';
import { benchApp, loadArticles } from './public-collections.js';

const argv = process.argv.slice(2);
const opt = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const SERVER_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = (opt('collection') ?? 'covid-faq') as CollectionName;
const DB = opt('db') ?? `bfg2_tune_${NAME.replace(/\W/g, '_')}`;
const K = 10;

const admin = new pg.Client({ connectionString: SERVER_URL });
await admin.connect();
const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB])).rowCount === 1;
if (argv.includes('--fresh') && exists) await admin.query(`DROP DATABASE ${DB} WITH (FORCE)`);
const fresh = argv.includes('--fresh') || !exists;
if (fresh) await admin.query(`CREATE DATABASE ${DB}`);
await admin.end();
const url = new URL(SERVER_URL);
url.pathname = `/${DB}`;
const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 2 });
const c = loadCollection(NAME);
let workspaceId: number;
if (fresh) {
  await migrate(db.raw);
  const { app, close } = await benchApp(db);
  workspaceId = (await loadArticles(db, app, c)).workspaceId;
  await close();
} else {
  workspaceId = Number(
    (await db.raw.query<{ id: string }>('SELECT max(id) AS id FROM workspaces')).rows[0]!.id,
  );
}
const sqlFile = opt('sql');
if (sqlFile) await db.raw.query(readFileSync(sqlFile, 'utf8'));
const bm25 = bm25Index(c.articles);
const halves: Record<'tune' | 'held-out', { product: string[]; relevant: Record<string, number> }[]> = {
  tune: [],
  'held-out': [],
};
const bmHalves: typeof halves = { tune: [], 'held-out': [] };
for (const [i, q] of c.queries.entries()) {
  const hits = await inWorkspace(db, workspaceId, (tx) =>
    searchArticles(tx, { workspaceId, query: q.text, language: 'en', limit: K, recordMiss: false }),
  );
  const half = i % 2 === 0 ? 'tune' : 'held-out';
  halves[half].push({
    product: hits.hits.map((h) => h.slug.replace(/^doc-/, '')),
    relevant: lower(q.relevant),
  });
  bmHalves[half].push({
    product: bm25.search(q.text, K).map((x) => x.toLowerCase()),
    relevant: lower(q.relevant),
  });
}
function lower(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v]));
}
for (const half of ['tune', 'held-out'] as const) {
  const p = score(
    halves[half].map((r) => ({ ranked: r.product, relevant: r.relevant })),
    K,
  );
  const b = score(
    bmHalves[half].map((r) => ({ ranked: r.product, relevant: r.relevant })),
    K,
  );
  console.log(
    `${NAME} ${half.padEnd(8)} n=${halves[half].length} product MRR ${p.mrr.toFixed(3)} nDCG ${p.ndcg.toFixed(3)} ` +
      `R@10 ${p.recall.toFixed(3)} | BM25 MRR ${b.mrr.toFixed(3)} nDCG ${b.ndcg.toFixed(3)} | ratio ${(p.mrr / b.mrr).toFixed(3)}`,
  );
}
await db.close();
