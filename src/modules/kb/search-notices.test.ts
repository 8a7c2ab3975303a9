/**
 * The search functions raise no notices, whatever the visitor types (an empty query before the prefix
 * word, stop words, punctuation). Notices raised inside plpgsql are a suspect in the embedded
 * database's ERRORDATA_STACK_SIZE abort, and nobody reads them. The app's own connections hide notices,
 * so this file opens one of its own that reports them: a copy of the PGlite template, or a client of
 * the PostgreSQL test database.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { copyTemplateDataDir, TEST_DB_KIND } from '../../test/db.js';

interface NoticeConnection {
  /** Runs the statements in one transaction; returns the notices they raised. */
  notices(statements: string[]): Promise<string[]>;
  close(): Promise<void>;
}

async function pgliteConnection(): Promise<NoticeConnection> {
  const dir = copyTemplateDataDir();
  const client = await PGlite.create(path.join(dir, 'pglite'), {
    extensions: { btree_gin, pg_trgm, unaccent },
  });
  return {
    async notices(statements) {
      const seen: string[] = [];
      await client.transaction(async (tx) => {
        for (const s of statements) await tx.query(s, [], { onNotice: (n) => seen.push(n.message ?? '') });
      });
      return seen;
    },
    async close() {
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresConnection(): Promise<NoticeConnection> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  let seen: string[] = [];
  client.on('notice', (n) => seen.push(n.message ?? ''));
  return {
    async notices(statements) {
      seen = [];
      await client.query('BEGIN');
      try {
        for (const s of statements) await client.query(s);
      } finally {
        await client.query('ROLLBACK');
      }
      return seen;
    },
    close: () => client.end(),
  };
}

let conn: NoticeConnection;
beforeAll(async () => {
  conn = TEST_DB_KIND === 'postgres' ? await postgresConnection() : await pgliteConnection();
});
afterAll(() => conn.close());

describe('knowledge-base search SQL', () => {
  it('raises no notices for empty queries, stop words or punctuation', async () => {
    const slug = `kb-notices-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
    const notices = await conn.notices([
      `SET LOCAL client_min_messages = notice`,
      `INSERT INTO workspaces (slug, name, ticket_prefix)
         VALUES ('${slug}', 'Notices', 'N${Math.floor(Math.random() * 1e8)}')`,
      `SELECT set_config('app.workspace_id', (SELECT id::text FROM workspaces WHERE slug = '${slug}'), true)`,
      `INSERT INTO knowledge_articles (workspace_id, title, slug, content, language, status)
         VALUES (app_workspace_id(), 'Return the parcel', 'return', 'Refunds within five days.', 'en', 'published')`,
      // The first word being typed (nothing before it), a stop word as the prefix, stop words only.
      `SELECT kb_tsquery('en', '', 'refu'), kb_tsquery('en', 'return', 'the'), kb_tsquery('en', '"the" -', NULL),
              kb_tsquery('en', '', 'the'), kb_tsquery('xx', '!!', '')`,
      `SELECT kb_tsquery_any('en', 'the of', 'and', 'the'), kb_tsquery_any('en', '', NULL, '')`,
      `SELECT * FROM kb_word_candidates(app_workspace_id(), 'en', '{the,where,refnud,retrun}', 'retrun')`,
      `SELECT * FROM kb_word_candidates(app_workspace_id(), 'en', '{refunds,the}', 'the')`,
      `SELECT * FROM kb_search_ids(app_workspace_id(), 'en', kb_tsquery('en', '', 'the'), true, NULL, NULL,
         NULL, NULL, NULL, 10)`,
      `SELECT * FROM kb_search_ids(app_workspace_id(), 'en', kb_tsquery('en', 'the', 'refu'), true, NULL, NULL,
         NULL, NULL, NULL, 10)`,
    ]);
    expect(notices).toEqual([]);
  });
});
