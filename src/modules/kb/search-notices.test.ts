/**
 * The search functions raise no notices, whatever the visitor types (an empty query before the prefix
 * word, stop words, punctuation). Notices raised inside plpgsql are a suspect in the embedded
 * database's ERRORDATA_STACK_SIZE abort, and nobody reads them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNoticeConnection, type NoticeConnection } from '../../test/notice-connection.js';

let conn: NoticeConnection;
beforeAll(async () => {
  conn = await openNoticeConnection();
});
afterAll(() => conn.close());

describe('knowledge-base search SQL', () => {
  it('raises no notices for empty queries, stop words or punctuation', async () => {
    const slug = `kb-notices-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
    const { notices } = await conn.run([
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
