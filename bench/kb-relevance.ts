/**
 * Knowledge-base relevance: realistic customer questions (bench/kb-data/relevance.json: paraphrased,
 * with typos, in English and German) over the demo knowledge base, each with the article that answers
 * it. Every question runs through searchArticles as the help centre runs it (the customer's language,
 * the public view), and through the ticket form's suggestions (suggestArticles: prose, top 5). Prints
 * MRR@10 and recall@3, overall and per language, and every question whose article was not in the top 3.
 *
 * Then the public test collections of bench/relevance/collections.ts (written by nobody here; build
 * them once with `npx tsx bench/relevance/collections.ts`), loaded through the authoring API and asked
 * through the public search endpoint, with MRR@10, nDCG@10 and recall@10 next to a plain BM25 computed
 * in the same run, and the hit rate @3 of related articles on a ticket asking the same question.
 *
 *   npx tsx bench/kb-relevance.ts [--quick] [--collections covid-faq,cranfield] [--related N]
 *
 * --quick: at most 300 questions per collection and 100 related-article tickets (default: every
 * question, 300 tickets). --collections none skips them.
 *
 * A fresh embedded database in a temporary directory by default; with TEST_DATABASE_URL (or
 * BENCH_DATABASE_URL) a fresh PostgreSQL database bfg2_kb_relevance is created there and dropped after.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { sql } from 'kysely';
import { asSystem, inWorkspace } from '../src/db/tenant.js';
import { seedDemo } from '../src/modules/demo/seed-demo.js';
import { searchArticles } from '../src/modules/kb/search-articles.js';
import { suggestArticles } from '../src/modules/kb/suggest-articles.js';
import { COLLECTIONS, loadCollection, type CollectionName } from './relevance/collections.js';
import { bm25Index, type Bm25Index } from './relevance/bm25.js';
import { benchApp, printReport, runCollection } from './relevance/public-collections.js';

interface Question {
  language: string;
  q: string;
  expected: string;
}

const DATA = JSON.parse(readFileSync(new URL('./kb-data/relevance.json', import.meta.url), 'utf8')) as {
  questions: Question[];
};
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;
const BENCH_DB = process.env.BENCH_DB_NAME ?? 'bfg2_kb_relevance';
const K = 10;
const argv = process.argv.slice(2);
const opt = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const QUICK = argv.includes('--quick');
const CHOSEN = (opt('collections') ?? COLLECTIONS.join(','))
  .split(',')
  .filter((c) => c && c !== 'none') as CollectionName[];
for (const c of CHOSEN) {
  if (!(COLLECTIONS as readonly string[]).includes(c)) throw new Error(`--collections: unknown ${c}`);
}
const MAX_QUERIES = QUICK ? 300 : Infinity;
const RELATED = Number(opt('related') ?? (QUICK ? 100 : 300));

/** A migrated, empty database and how to get rid of it. */
async function freshDatabase(): Promise<{ db: Database; dispose: () => Promise<void> }> {
  if (!SERVER_URL) {
    const dir = mkdtempSync(path.join(tmpdir(), 'bfg2-kb-relevance-'));
    const db = await openDatabase({ databaseUrl: null, dataDir: dir });
    await migrate(db.raw);
    return {
      db,
      dispose: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${BENCH_DB}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 2 });
  await migrate(db.raw);
  return {
    db,
    dispose: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The slugs a way of asking returns for a question, best first. */
type Engine = (workspaceId: number, question: Question) => Promise<string[]>;

interface Scored {
  question: Question;
  rank: number | null;
  top: string[];
}

function summarise(label: string, scored: Scored[]): string {
  const mrr =
    scored.reduce((sum, s) => sum + (s.rank !== null && s.rank <= K ? 1 / s.rank : 0), 0) / scored.length;
  const recall3 = scored.filter((s) => s.rank !== null && s.rank <= 3).length / scored.length;
  const first = scored.filter((s) => s.rank === 1).length;
  return `${label.padEnd(18)} n=${String(scored.length).padStart(3)}  MRR@${K} ${mrr.toFixed(3)}  recall@3 ${recall3.toFixed(3)}  first ${first}/${scored.length}`;
}

async function evaluate(db: Database, workspaceId: number, engine: Engine): Promise<Scored[]> {
  const scored: Scored[] = [];
  for (const question of DATA.questions) {
    const top = await engine(workspaceId, question);
    const index = top.indexOf(question.expected);
    scored.push({ question, rank: index >= 0 ? index + 1 : null, top });
  }
  return scored;
}

function report(name: string, scored: Scored[]): void {
  console.log(`\n${name}`);
  console.log(summarise('overall', scored));
  for (const language of [...new Set(scored.map((s) => s.question.language))].sort()) {
    console.log(
      summarise(
        `  ${language}`,
        scored.filter((s) => s.question.language === language),
      ),
    );
  }
  const misses = scored.filter((s) => s.rank === null || s.rank > 3);
  console.log(`misses (expected article not in the top 3): ${misses.length}`);
  for (const m of misses) {
    const where = m.rank === null ? `not in top ${K}` : `at ${m.rank}`;
    const got = m.top.slice(0, 3).join(', ') || '(nothing)';
    console.log(`  [${m.question.language}] "${m.question.q}" → ${m.question.expected} ${where}; got ${got}`);
  }
}

async function main(): Promise<void> {
  const { db, dispose } = await freshDatabase();
  try {
    const seeded = await seedDemo(db);
    const workspaceId = seeded.workspaceId;
    const search: Engine = (ws, question) =>
      inWorkspace(db, ws, async (tx) => {
        const result = await searchArticles(tx, {
          workspaceId: ws,
          query: question.q,
          language: question.language,
          limit: K,
          recordMiss: false,
        });
        return result.hits.map((h) => h.slug);
      });
    console.log(
      `${DATA.questions.length} questions over the demo knowledge base; ` +
        `MRR@${K}: mean of 1/rank of the expected article (0 when not in the top ${K}); ` +
        'recall@3: share with the expected article in the top 3',
    );
    report(
      'searchArticles (help-centre search, the question as typed)',
      await evaluate(db, workspaceId, search),
    );
    // The ticket form asks with the subject and description as prose (top 5): the question as the subject.
    const suggest: Engine = (ws, question) =>
      inWorkspace(db, ws, async (tx) => {
        const found = await suggestArticles(tx, {
          workspaceId: ws,
          subject: question.q,
          description: '',
          language: question.language,
        });
        return found.results.map((h) => h.slug);
      });
    report(
      'suggestArticles (ticket form, the question as the subject; top 5)',
      await evaluate(db, workspaceId, suggest),
    );
    // The bench's plain BM25 over the same published articles, one index per language.
    const articles = await asSystem(db, (tx) =>
      sql<{ slug: string; language: string; title: string; body: string }>`
        SELECT slug, language, title, concat_ws(' ', tags, excerpt, kb_body_text(content_text, content)) AS body
        FROM knowledge_articles WHERE workspace_id = ${workspaceId} AND status = 'published'`.execute(tx),
    );
    const indexes = new Map<string, Bm25Index>();
    for (const language of new Set(articles.rows.map((a) => a.language))) {
      indexes.set(
        language,
        bm25Index(
          articles.rows
            .filter((a) => a.language === language)
            .map((a) => ({ id: a.slug, title: a.title, body: a.body })),
        ),
      );
    }
    const plain: Engine = (_ws, question) =>
      Promise.resolve(indexes.get(question.language)?.search(question.q, K) ?? []);
    report('plain BM25 (in the bench, same articles)', await evaluate(db, workspaceId, plain));
    if (CHOSEN.length > 0) {
      const { app, close } = await benchApp(db);
      try {
        for (const name of CHOSEN) {
          const report = await runCollection(db, app, loadCollection(name), {
            maxQueries: MAX_QUERIES,
            relatedQueries: RELATED,
          });
          printReport(report);
        }
      } finally {
        await close();
      }
    }
  } finally {
    await dispose();
  }
}

await main();
