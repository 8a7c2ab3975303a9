/**
 * Public test collections run through the product as an integrator would: articles created with the
 * authoring API (POST /api/support/admin/kb/articles/, published), every question asked on the public
 * search endpoint (GET /api/support/kb/search/), and — for related articles — asked as a ticket (its
 * subject) whose related articles are read from GET /api/support/tickets/{id}/related-articles/. The
 * plain BM25 of ./bm25.ts ranks the same articles in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { inWorkspace } from '../../src/db/tenant.js';
import { createRealtime } from '../../src/platform/events/realtime.js';
import { createPgBossQueue } from '../../src/platform/jobs/pg-boss-queue.js';
import { createLogger } from '../../src/platform/logger.js';
import { createDiskStorage } from '../../src/platform/storage/disk-storage.js';
import { createApiToken } from '../../src/modules/tokens/index.js';
import { createStaffUser } from '../../src/modules/users/index.js';
import { createWorkspace } from '../../src/modules/workspaces/index.js';
import { bm25Index } from './bm25.js';
import type { Collection } from './collections.js';
import { score, type Scores } from './metrics.js';

const K = 10;

export interface CollectionReport {
  name: string;
  paraphrased: boolean;
  articles: number;
  queries: number;
  product: Scores;
  bm25: Scores;
  /** Related articles for the question asked as a ticket: hit@3 (null when not measured). */
  related: Scores | null;
  relatedQueries: number;
}

export interface BenchApp {
  app: FastifyInstance;
  close: () => Promise<void>;
}

export async function benchApp(db: Database): Promise<BenchApp> {
  const storageDir = mkdtempSync(path.join(tmpdir(), 'bfg2-relevance-storage-'));
  const config = loadConfig({ DATA_DIR: storageDir, LOG_LEVEL: 'silent' });
  const log = createLogger(config.logLevel);
  const deps = {
    config: { ...config, sessionSecret: 'relevance-bench-secret-relevance-bench-secret-0123' },
    db,
    jobs: createPgBossQueue(db.raw, { pollSeconds: 1, supervise: false }),
    storage: createDiskStorage(storageDir),
    now: () => new Date(),
    log,
    realtime: createRealtime(db, log),
  };
  const app = await buildApp(deps);
  return {
    app,
    close: async () => {
      await app.close();
      await deps.realtime.stop();
      await deps.jobs.stop();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

export async function workspaceWithToken(
  db: Database,
  name: string,
): Promise<{ workspaceId: number; slug: string; token: string }> {
  const slug = `rel-${name}-${Date.now().toString(36)}`.slice(0, 40);
  const ticketPrefix =
    name
      .replace(/[^a-z]/gi, '')
      .toUpperCase()
      .slice(0, 6) || 'REL';
  const ws = await createWorkspace(db, { slug, name, ticketPrefix, timezone: 'UTC' });
  const user = await createStaffUser(db, {
    workspaceId: ws.id,
    email: `bench-${slug}@example.test`,
    role: 'admin',
    name: 'Relevance Bench',
    password: `pw-${slug}-long-enough`,
  });
  const token = await inWorkspace(db, ws.id, (tx) =>
    createApiToken(tx, { workspaceId: ws.id, userId: user.id }),
  );
  return { workspaceId: ws.id, slug, token: token.token };
}

/** Markdown-safe body: the collections are plain text. */
const asMarkdown = (text: string) => text.replace(/([\\`*_[\]#<>|])/g, '\\$1');

/** The collection's articles, created and published through the authoring API in a new workspace. */
export async function loadArticles(
  db: Database,
  app: FastifyInstance,
  c: Collection,
): Promise<{ workspaceId: number; slug: string; token: string; slugOf: Map<string, string> }> {
  const { workspaceId, slug, token } = await workspaceWithToken(db, c.name);
  const headers = { authorization: `Bearer ${token}`, 'x-workspace': slug };
  const slugOf = new Map<string, string>();
  for (const a of c.articles) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/support/admin/kb/articles/',
      headers,
      payload: {
        title: a.title.slice(0, 255),
        content: asMarkdown(a.body).slice(0, 200_000),
        slug: `doc-${a.id}`.toLowerCase(),
        language: 'en',
        status: 'published',
      },
    });
    if (res.statusCode !== 201) throw new Error(`${c.name} article ${a.id}: ${res.statusCode} ${res.body}`);
    slugOf.set(`doc-${a.id}`.toLowerCase(), a.id);
  }
  return { workspaceId, slug, token, slugOf };
}

export async function runCollection(
  db: Database,
  app: FastifyInstance,
  c: Collection,
  options: { maxQueries: number; relatedQueries: number },
): Promise<CollectionReport> {
  const { slug, token, slugOf } = await loadArticles(db, app, c);
  const headers = { authorization: `Bearer ${token}`, 'x-workspace': slug };
  const queries = c.queries.slice(0, options.maxQueries);
  const bm25 = bm25Index(c.articles);
  const productRuns = [];
  const bm25Runs = [];
  for (const q of queries) {
    const res = await app.inject({
      method: 'GET',
      url: '/api/support/kb/search/',
      query: { q: q.text.slice(0, 200), language: 'en', limit: String(K) },
      headers: { 'x-workspace': slug },
    });
    if (res.statusCode !== 200)
      throw new Error(`${c.name} search "${q.text}": ${res.statusCode} ${res.body}`);
    const hits = res.json<{ results: { slug: string }[] }>().results;
    productRuns.push({ ranked: hits.map((h) => slugOf.get(h.slug) ?? h.slug), relevant: q.relevant });
    bm25Runs.push({ ranked: bm25.search(q.text, K), relevant: q.relevant });
  }
  let related: Scores | null = null;
  const relatedSample = queries.slice(0, options.relatedQueries);
  if (relatedSample.length > 0) {
    const runs = [];
    for (const q of relatedSample) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/support/tickets/',
        headers,
        payload: { subject: q.text.slice(0, 200), description: q.text, customer: 'asker@example.test' },
      });
      if (created.statusCode !== 201) throw new Error(`ticket: ${created.statusCode} ${created.body}`);
      const number = created.json<{ ticket_number: string }>().ticket_number;
      const res = await app.inject({
        method: 'GET',
        url: `/api/support/tickets/${number}/related-articles/`,
        headers,
      });
      if (res.statusCode !== 200) throw new Error(`related: ${res.statusCode} ${res.body}`);
      const hits = res.json<{ results: { slug: string }[] }>().results;
      runs.push({ ranked: hits.map((h) => slugOf.get(h.slug) ?? h.slug), relevant: q.relevant });
    }
    related = score(runs, 3, 3);
  }
  return {
    name: c.name,
    paraphrased: c.paraphrased,
    articles: c.articles.length,
    queries: queries.length,
    product: score(productRuns, K),
    bm25: score(bm25Runs, K),
    related,
    relatedQueries: relatedSample.length,
  };
}

export function printReport(r: CollectionReport): void {
  const f = (x: number) => x.toFixed(3);
  const line = (label: string, s: Scores) =>
    `  ${label.padEnd(30)} MRR@${K} ${f(s.mrr)}  nDCG@${K} ${f(s.ndcg)}  recall@${K} ${f(s.recall)}  hit@3 ${f(s.hit)}`;
  console.log(
    `\n${r.name}: ${r.articles} articles, ${r.queries} questions${r.paraphrased ? ' (paraphrased by their askers)' : ''}`,
  );
  console.log(line('product (/api/support/kb/search/)', r.product));
  console.log(line('plain BM25 (in the bench)', r.bm25));
  const ratio = r.bm25.mrr > 0 ? r.product.mrr / r.bm25.mrr : Infinity;
  const target = r.paraphrased ? 1.1 : 1.0;
  console.log(
    `  MRR ratio product/BM25 ${ratio.toFixed(3)} (target ≥ ${target.toFixed(1)}: ${ratio >= target ? 'met' : 'NOT met'}); ` +
      `nDCG ratio ${(r.product.ndcg / Math.max(r.bm25.ndcg, 1e-9)).toFixed(3)}`,
  );
  if (r.related) {
    console.log(
      `  related articles on a ticket (question as subject and first message, ${r.relatedQueries} tickets): ` +
        `hit@3 ${f(r.related.hit)}  MRR@3 ${f(r.related.mrr)}`,
    );
  }
}
