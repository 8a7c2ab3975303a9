/**
 * Captures the SQL the product sends for each request of the workload: the product's app runs in this
 * process on its own pool (as `serve` builds it), each template is sent once with app.inject(), and
 * every statement that reaches the pg driver meanwhile is recorded with its parameters, its result rows
 * and the connection it went through. Statements on one connection in a row form a group: a transaction
 * (BEGIN travels with its first statement, postgres-dialect.ts) to its COMMIT or ROLLBACK, or a single
 * statement outside a transaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { postgresDatabase, postgresPool } from '../../src/db/client.js';
import type { AppDeps } from '../../src/platform/deps.js';
import { createRealtime } from '../../src/platform/events/realtime.js';
import { createPgBossQueue } from '../../src/platform/jobs/pg-boss-queue.js';
import { createLogger } from '../../src/platform/logger.js';
import { createDiskStorage } from '../../src/platform/storage/disk-storage.js';
import type { Template } from './workload.js';

/** The product under load and the capture share it, so that CSRF tokens given by one hold in the other. */
export const BENCH_SESSION_SECRET = 'api-load-bench-session-secret-0123456789';

export interface Statement {
  text: string;
  values: unknown[] | null;
  /** The first row of the result as the product got it (for linking returned ids to later parameters). */
  row: Record<string, unknown> | null;
}

/** One request's statements, in groups that each ran on one pooled connection. */
export interface Captured {
  kind: string;
  groups: Statement[][];
  status: number;
  body: string;
  contentType: string;
}

type Query = (this: pg.Client, ...args: unknown[]) => unknown;

/** Sends every template once through the product in this process and records its SQL. */
export async function captureStatements(
  dbUrl: string,
  templates: Template[],
  prepare: (t: Template) => Template,
): Promise<Captured[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'apiload-capture-'));
  const config = loadConfig({ DATABASE_URL: dbUrl, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const pool = postgresPool(dbUrl, 10);
  const db = postgresDatabase(pool);
  const log = createLogger('silent');
  const jobs = createPgBossQueue(db.raw, { pollSeconds: 60, supervise: false });
  const deps: AppDeps = {
    config: { ...config, sessionSecret: BENCH_SESSION_SECRET },
    db,
    jobs,
    storage: createDiskStorage(dataDir),
    now: () => new Date(),
    log,
    realtime: createRealtime(db, log),
  };
  const app = await buildApp(deps);

  const ids = new WeakMap<pg.Client, number>();
  let nextId = 0;
  let current: { client: number; statement: Statement }[] | null = null;
  const proto = pg.Client.prototype as unknown as { query: Query };
  const original = proto.query;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args;
    const out = original.apply(this, args);
    if (current && typeof first === 'string') {
      if (!ids.has(this)) ids.set(this, nextId++);
      const statement: Statement = {
        text: first,
        values: Array.isArray(second) ? (second as unknown[]) : null,
        row: null,
      };
      current.push({ client: ids.get(this) ?? -1, statement });
      if (out instanceof Promise) {
        void (out as Promise<pg.QueryResult | pg.QueryResult[]>).then(
          (r) => {
            const last = Array.isArray(r) ? r[r.length - 1] : r;
            statement.row = (last?.rows?.[0] as Record<string, unknown> | undefined) ?? null;
          },
          () => undefined,
        );
      }
    }
    return out;
  };

  const send = (t: Template) =>
    app.inject({
      method: t.method,
      url: t.path,
      headers: t.headers,
      ...(t.body !== undefined ? { payload: t.body } : {}),
    });
  const out: Captured[] = [];
  try {
    for (const template of templates) {
      // Once to warm up what a first request pays (session touch, serializer compilation), once recorded.
      await send(prepare(template));
      current = [];
      const res = await send(prepare(template));
      const recorded = current;
      current = null;
      if (res.statusCode >= 400) {
        throw new Error(`${template.method} ${template.path}: ${res.statusCode} ${res.body}`);
      }
      const groups: Statement[][] = [];
      let open: number | null = null;
      for (const { client, statement } of recorded) {
        if (open !== client) groups.push([]);
        groups[groups.length - 1]?.push(statement);
        const text = statement.text.trimStart().toUpperCase();
        if (text.startsWith('BEGIN') || text.startsWith('START TRANSACTION')) open = client;
        else if (/^(COMMIT|ROLLBACK)\b/.test(text) || open !== client) open = null;
      }
      out.push({
        kind: template.kind,
        groups,
        status: res.statusCode,
        body: res.body,
        contentType: String(res.headers['content-type'] ?? 'application/json'),
      });
    }
  } finally {
    proto.query = original;
    await app.close();
    await deps.realtime.stop();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}
