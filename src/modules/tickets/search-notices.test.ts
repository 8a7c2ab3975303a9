/**
 * Ticket search raises no notices for queries without searchable words (stop words, punctuation, an
 * empty string), and still plans real words. Notices raised inside plpgsql are a suspect in the embedded
 * database's ERRORDATA_STACK_SIZE abort, and nobody reads them (migration 0015).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNoticeConnection, type NoticeConnection } from '../../test/notice-connection.js';

let conn: NoticeConnection;
beforeAll(async () => {
  conn = await openNoticeConnection();
});
afterAll(() => conn.close());

describe('ticket search SQL', () => {
  it('raises no notices for stop words, punctuation or nothing, and still searches real words', async () => {
    const slug = `ticket-notices-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
    const plan = (query: string) =>
      `SELECT ids, query::text FROM support_ticket_search_plan(app_workspace_id(), '${query}', true, '', '', 500)`;
    const { notices, rows } = await conn.run([
      `SET LOCAL client_min_messages = notice`,
      `INSERT INTO workspaces (slug, name, ticket_prefix)
         VALUES ('${slug}', 'Notices', 'N${Math.floor(Math.random() * 1e8)}')`,
      `SELECT set_config('app.workspace_id', (SELECT id::text FROM workspaces WHERE slug = '${slug}'), true)`,
      plan('the'),
      plan('"of the" -'),
      plan('!!'),
      plan(''),
      plan('parcel OR refund'),
    ]);
    expect(notices).toEqual([]);
    // The last statement, real words: planned as a full-text query (ids complete: none match).
    expect(rows).toEqual([{ ids: [], query: "'parcel' | 'refund'" }]);
  });
});
