/**
 * The first search an embedded instance runs at open (pglite-warm-up.ts): it passes on a good instance
 * and commits nothing; an instance whose search functions answer wrongly fails it, and is not handed out.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyTemplateDataDir, TEST_DB_KIND } from '../test/db.js';
import { openDatabase, openWarmPGlite } from './client.js';
import { warmUpPGlite } from './pglite-warm-up.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const templateCopy = () => {
  const dir = copyTemplateDataDir();
  dirs.push(dir);
  return path.join(dir, 'pglite');
};

describe.skipIf(TEST_DB_KIND !== 'pglite')('PGlite warm-up search', () => {
  it('passes on a good instance and leaves no workspace behind', async () => {
    const client = await openWarmPGlite(templateCopy());
    try {
      expect(await warmUpPGlite(client)).toBe(true);
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM workspaces WHERE slug LIKE 'pglite-warm-up-%'`,
      );
      expect(rows[0]?.n).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('fails an instance whose typo correction answers nothing, and opening gives up after three', async () => {
    const dir = templateCopy();
    const client = await openWarmPGlite(dir);
    // What a broken instance did: the correction function found no candidates.
    await client.exec(`CREATE OR REPLACE FUNCTION kb_word_candidates(p_workspace_id bigint, p_language text,
        p_words text[], p_prefix text)
      RETURNS TABLE (word text, candidate text, similarity real, doc_count integer)
      LANGUAGE sql AS $$ SELECT NULL::text, NULL::text, NULL::real, NULL::int WHERE false $$`);
    expect(await warmUpPGlite(client)).toBe(false);
    await client.close();
    const reopened: number[] = [];
    await expect(openWarmPGlite(dir, (attempt) => reopened.push(attempt))).rejects.toThrow(
      /failed its warm-up search 3 times/,
    );
    expect(reopened).toEqual([1, 2]);
  });

  it('deferred: runs at warmUp(), before queries issued after it, and replaces an instance that fails', async () => {
    const dataDir = path.dirname(templateCopy());
    const setup = await openWarmPGlite(path.join(dataDir, 'pglite'));
    // Typo correction that answers "return" unless the session says it is broken.
    await setup.exec(`CREATE OR REPLACE FUNCTION kb_word_candidates(p_workspace_id bigint, p_language text,
        p_words text[], p_prefix text)
      RETURNS TABLE (word text, candidate text, similarity real, doc_count integer)
      LANGUAGE sql AS $$ SELECT 'retrun', 'return', 1::real, 1
        WHERE current_setting('app.broken', true) IS DISTINCT FROM 'on' $$`);
    await setup.close();

    const reopened: number[] = [];
    const db = await openDatabase({
      databaseUrl: null,
      dataDir,
      skipLock: true,
      warmUp: 'deferred',
      onPGliteReopen: (attempt) => reopened.push(attempt),
    });
    try {
      // Nothing searched at open: this session setting makes the first instance fail its warm-up.
      await db.raw.query(`SET app.broken = 'on'`);
      const order: string[] = [];
      const warming = db.warmUp().then(() => order.push('warm-up'));
      const query = db.raw
        .query<{ broken: string | null }>(`SELECT current_setting('app.broken', true) AS broken`)
        .then((r) => {
          order.push('query');
          return r.rows[0]?.broken;
        });
      const [, broken] = await Promise.all([warming, query]);
      expect(order).toEqual(['warm-up', 'query']);
      expect(reopened).toEqual([1]);
      // The query ran on the replacement, which never had the setting.
      expect(broken ?? '').toBe('');
      await db.warmUp(); // once only
      expect(reopened).toEqual([1]);
    } finally {
      await db.close();
    }
  });
});
