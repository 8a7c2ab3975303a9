import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { NewKnowledgeArticle, Workspace } from '../../db/schema.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { testApp } from '../../test/app.js';
import { buildWorkspace } from '../../test/factories.js';
import { searchArticles, type SearchArticlesInput } from './search-articles.js';

const { db } = await testApp();

type ArticleSeed = Partial<NewKnowledgeArticle> & { title: string; content: string };

async function articles(database: Database, ws: Workspace, rows: ArticleSeed[]) {
  return asSystem(database, (tx) =>
    tx
      .insertInto('knowledge_articles')
      .values(
        rows.map((r, i) => ({
          workspace_id: ws.id,
          slug: r.slug ?? `a-${i}-${r.title.toLowerCase().replace(/[^a-z]+/g, '-')}`,
          language: 'en',
          status: 'published' as const,
          published_at: new Date(),
          ...r,
        })),
      )
      .returning(['id', 'slug', 'language'])
      .execute(),
  );
}

async function category(ws: Workspace, values: { slug: string; is_active?: boolean; parent_id?: number }) {
  return asSystem(db, (tx) =>
    tx
      .insertInto('knowledge_categories')
      .values({ workspace_id: ws.id, name: values.slug, language: 'en', ...values })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
}

const search = (ws: Workspace, input: Omit<SearchArticlesInput, 'workspaceId'>) =>
  inWorkspace(db, ws.id, (tx) => searchArticles(tx, { workspaceId: ws.id, ...input }));

describe('searchArticles', () => {
  it('ranks title over tags over excerpt over body and highlights matches HTML-safely', async () => {
    const ws = await buildWorkspace(db);
    const [body, excerpt, tags, title] = await articles(db, ws, [
      { title: 'Opening hours', content: 'Our refund team: if a < b & c > d, then "answer" fast.' },
      { title: 'Payment methods', content: 'Cards and PayPal.', excerpt: 'Get a refund quickly' },
      { title: 'Invoices', content: 'Download invoices.', tags: 'refund,billing' },
      { title: 'When will I get my refund?', content: 'Within five days.' },
    ]);
    const res = await search(ws, { query: 'refund ' });
    expect(res.hits.map((h) => h.id)).toEqual([title!.id, tags!.id, excerpt!.id, body!.id]);
    expect(res.corrected).toBe(false);
    const bodyHit = res.hits[3]!;
    expect(bodyHit.snippet).toContain('<mark>refund</mark>');
    expect(bodyHit.snippet).toContain('a &lt; b &amp; c &gt; d, then &quot;answer&quot; fast');
    expect(res.hits[0]!.title_html).toBe('When will I get my <mark>refund</mark>?');
    expect(res.hits.every((h) => h.rank > 0 && h.rank <= 1)).toBe(true);
  });

  it('understands quotes, OR, -word and an unfinished last word; pages with a cursor', async () => {
    const ws = await buildWorkspace(db);
    const [a, b, c] = await articles(db, ws, [
      { title: 'Parcel arrived damaged', content: 'Send photos of the damaged parcel.' },
      { title: 'Parcel lost in transit', content: 'We trace lost parcels with the carrier.' },
      { title: 'Damaged goods insurance', content: 'Insurance covers damaged goods.' },
    ]);
    const ids = async (query: string) => (await search(ws, { query })).hits.map((h) => h.id).sort();
    expect(await ids('parcel -lost')).toEqual([a!.id]);
    expect(await ids('"damaged parcel"')).toEqual([a!.id]);
    expect(await ids('lost OR insurance')).toEqual([b!.id, c!.id].sort());
    expect(await ids('insur')).toEqual([c!.id]);
    expect(await ids('damag')).toEqual([a!.id, c!.id].sort());
    const page1 = await search(ws, { query: 'parcel OR damaged', limit: 2 });
    expect(page1.hits).toHaveLength(2);
    expect(page1.next_cursor).toBeTruthy();
    const page2 = await search(ws, { query: 'parcel OR damaged', limit: 2, cursor: page1.next_cursor! });
    expect(page2.hits).toHaveLength(1);
    expect(page2.next_cursor).toBeNull();
    const all = [...page1.hits, ...page2.hits].map((h) => h.id).sort();
    expect(all).toEqual([a!.id, b!.id, c!.id].sort());
    await expect(search(ws, { query: 'x', cursor: 'nonsense' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('corrects misspelt words from the published vocabulary and records searches that find nothing', async () => {
    const ws = await buildWorkspace(db);
    const [refund] = await articles(db, ws, [
      { title: 'When will I get my refund?', content: 'Refunds are issued within five days.' },
      { title: 'Secret plans', content: 'Zeppelin launch', status: 'draft' },
    ]);
    const res = await search(ws, { query: 'refnud' });
    expect(res.corrected).toBe(true);
    expect(res.corrected_query).toBe('refund');
    expect(res.hits.map((h) => h.id)).toEqual([refund!.id]);
    // A draft's words are not in the vocabulary: nothing to suggest, nothing found, a miss is counted.
    const none = await search(ws, { query: 'zepelin' });
    expect(none).toMatchObject({ hits: [], corrected: false, corrected_query: null });
    await search(ws, { query: 'Zepelin ' });
    const misses = await inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('kb_search_misses').select(['query', 'language', 'count']).execute(),
    );
    expect(misses).toEqual([{ query: 'zepelin', language: 'en', count: 2 }]);
  });

  it('never returns drafts, archived articles, inactive categories or another workspace', async () => {
    const ws = await buildWorkspace(db);
    const other = await buildWorkspace(db);
    const inactive = await category(ws, { slug: 'hidden', is_active: false });
    const child = await category(ws, { slug: 'child', parent_id: inactive.id });
    const active = await category(ws, { slug: 'shown' });
    const [visible] = await articles(db, ws, [
      { title: 'Warranty visible', content: 'x', category_id: active.id },
      { title: 'Warranty draft', content: 'x', status: 'draft' },
      { title: 'Warranty archived', content: 'x', status: 'archived' },
      { title: 'Warranty hidden', content: 'x', category_id: inactive.id },
      { title: 'Warranty under hidden', content: 'x', category_id: child.id },
    ]);
    await articles(db, other, [{ title: 'Warranty elsewhere', content: 'x' }]);
    const res = await search(ws, { query: 'warranty' });
    expect(res.hits.map((h) => h.id)).toEqual([visible!.id]);
    const staff = await search(ws, { query: 'warranty', staff: {} });
    expect(staff.hits).toHaveLength(5);
    // Another workspace's id in the call finds nothing (the functions refuse it).
    const cross = await inWorkspace(db, ws.id, (tx) =>
      searchArticles(tx, { workspaceId: other.id, query: 'warranty', recordMiss: false }),
    );
    expect(cross.hits).toEqual([]);
  });

  it('filters by category (with sub-categories), tag and language', async () => {
    const ws = await buildWorkspace(db);
    const parent = await category(ws, { slug: 'shipping' });
    const child = await category(ws, { slug: 'tracking', parent_id: parent.id });
    const [inChild, , tagged, german] = await articles(db, ws, [
      { title: 'Tracking your parcel', content: 'parcel', category_id: child.id },
      { title: 'Parcel sizes', content: 'parcel' },
      { title: 'Parcel lockers', content: 'parcel', tags: 'Lockers, pickup' },
      { title: 'Paket verfolgen', content: 'Pakete', language: 'de', slug: 'tracking-de' },
    ]);
    expect((await search(ws, { query: 'parcel', categoryId: parent.id })).hits.map((h) => h.id)).toEqual([
      inChild!.id,
    ]);
    expect((await search(ws, { query: 'parcel', tag: 'lockers' })).hits.map((h) => h.id)).toEqual([
      tagged!.id,
    ]);
    const de = await search(ws, { query: 'paket', language: 'de' });
    expect(de.hits.map((h) => h.id)).toEqual([german!.id]);
    expect(de.language).toBe('de');
  });

  it('answers chatty questions by any word, and splits unknown compound words into known parts', async () => {
    const ws = await buildWorkspace(db);
    const [shipping, payment, returns] = await articles(db, ws, [
      { title: 'How long does delivery take?', content: 'Most parcels arrive within three days.' },
      {
        title: 'Zahlungsarten',
        content: 'Sie zahlen per Rechnung oder in Raten.',
        language: 'de',
        tags: 'zahlung',
      },
      { title: 'Artikel zurücksenden', content: 'So schicken Sie Artikel zurück.', language: 'de' },
    ]);
    const chatty = await search(ws, { query: 'how long until my parcel gets here' });
    expect(chatty.hits[0]!.id).toBe(shipping!.id);
    expect(chatty.corrected).toBe(false);
    const compound = await search(ws, { query: 'Ratenzahlung möglich?', language: 'de' });
    expect(compound.hits[0]!.id).toBe(payment!.id);
    const verb = await search(ws, { query: 'zurückschicken', language: 'de' });
    expect(verb.hits.map((h) => h.id)).toContain(returns!.id);
  });

  it('ranks only the 200 most read matches of a very broad query', async () => {
    const ws = await buildWorkspace(db);
    await articles(
      db,
      ws,
      Array.from({ length: 2100 }, (_, i) => ({
        // The best title among the most read, and a better one outside the 200 most read (the 300th).
        title: i === 7 ? 'Order order order' : i === 300 ? 'Order order order order' : `Topic ${i}`,
        content: 'How to order.',
        view_count: i === 7 ? 10_000 : 5_000 - i,
      })),
    );
    const res = await search(ws, { query: 'order ', limit: 5 });
    expect(res.hits).toHaveLength(5);
    expect(res.hits[0]!.title).toBe('Order order order');
    expect(res.hits.map((h) => h.title)).not.toContain('Order order order order');
    expect(res.next_cursor).toBeTruthy();
  });

  it('ranks the most read matches of a broad query the most read articles do not match, and leaves the planner settings as they were', async () => {
    const ws = await buildWorkspace(db);
    await articles(db, ws, [
      // The most read articles do not match: the probe finds nothing and the GIN index counts.
      ...Array.from({ length: 150 }, (_, i) => ({
        title: `Popular ${i}`,
        content: 'Opening hours.',
        view_count: 100_000 + i,
      })),
      ...Array.from({ length: 2100 }, (_, i) => ({
        title: i === 7 ? 'Parcel parcel parcel' : i === 2099 ? 'Parcel parcel parcel parcel' : `Topic ${i}`,
        content: 'Where is my parcel?',
        view_count: i === 7 ? 10_000 : i === 2099 ? 0 : i,
      })),
    ]);
    const { res, bitmap, seqscan } = await inWorkspace(db, ws.id, async (tx) => {
      const found = await searchArticles(tx, { workspaceId: ws.id, query: 'parcel ', limit: 5 });
      const settings = await sql<{ b: string; s: string }>`
        SELECT current_setting('enable_bitmapscan') AS b, current_setting('enable_seqscan') AS s`.execute(tx);
      return { res: found, bitmap: settings.rows[0]!.b, seqscan: settings.rows[0]!.s };
    });
    expect(res.hits).toHaveLength(5);
    expect(res.hits[0]!.title).toBe('Parcel parcel parcel');
    expect(res.hits.map((h) => h.title)).not.toContain('Parcel parcel parcel parcel');
    expect([bitmap, seqscan]).toEqual(['on', 'on']);
    const page2 = await search(ws, { query: 'parcel ', limit: 5, cursor: res.next_cursor! });
    expect(page2.hits).toHaveLength(5);
    expect(page2.hits.map((h) => h.id)).not.toContain(res.hits[0]!.id);
  });
});
