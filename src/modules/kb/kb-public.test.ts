import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import { buildAdmin, buildWorkspace } from '../../test/factories.js';
import { insertArticles, insertCategory } from './kb-test-data.js';

const { app, db } = await testApp();

const get = (ws: { slug: string }, url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers: { 'x-workspace': ws.slug, ...headers } });

interface Listed {
  language: string;
  requested_language: string;
  language_fallback: boolean;
  results: { id: number; slug: string; title: string; language: string }[];
  next_cursor: string | null;
}

async function hiddenAndVisible() {
  const ws = await buildWorkspace(db);
  const other = await buildWorkspace(db);
  const inactive = await insertCategory(db, ws, { slug: 'hidden', is_active: false });
  const under = await insertCategory(db, ws, { slug: 'under-hidden', parent_id: inactive.id });
  const shown = await insertCategory(db, ws, { slug: 'shown', name: 'Shown' });
  const child = await insertCategory(db, ws, { slug: 'shown-child', parent_id: shown.id, name: 'Child' });
  const [visible, uncategorised, draft, archived, hidden, deep] = await insertArticles(db, ws, [
    { title: 'Warranty visible', category_id: child.id, tags: 'warranty,repair' },
    { title: 'Warranty uncategorised' },
    { title: 'Warranty draft', status: 'draft', published_at: null },
    { title: 'Warranty archived', status: 'archived' },
    { title: 'Warranty hidden', category_id: inactive.id },
    { title: 'Warranty under hidden', category_id: under.id },
  ]);
  const [foreign] = await insertArticles(db, other, [{ title: 'Warranty elsewhere' }]);
  return {
    ws,
    other,
    shown,
    child,
    inactive,
    visible: visible!,
    uncategorised: uncategorised!,
    secret: [draft!, archived!, hidden!, deep!],
    foreign: foreign!,
  };
}

describe('public knowledge base: visibility', () => {
  it('never shows drafts, archived articles, inactive categories or another workspace', async () => {
    const t = await hiddenAndVisible();
    const list = (await get(t.ws, '/api/support/kb/')).json<Listed>();
    expect(list.results.map((a) => a.id).sort()).toEqual([t.visible.id, t.uncategorised.id].sort());
    const search = (await get(t.ws, '/api/support/kb/search/?q=warranty')).json<Listed>();
    expect(search.results.map((a) => a.id).sort()).toEqual([t.visible.id, t.uncategorised.id].sort());
    const suggest = (
      await get(t.ws, '/api/support/kb/suggest/?subject=warranty&description=')
    ).json<Listed>();
    expect(suggest.results.map((a) => a.id).sort()).toEqual([t.visible.id, t.uncategorised.id].sort());
    for (const a of [...t.secret, t.foreign]) {
      expect((await get(t.ws, `/api/support/kb/${a.slug}/`)).statusCode, a.slug).toBe(404);
      const vote = await app.inject({
        method: 'POST',
        url: `/api/support/kb/${a.id}/helpful/`,
        headers: { 'x-workspace': t.ws.slug },
        payload: { helpful: true },
      });
      expect(vote.statusCode, a.slug).toBe(404);
    }
    const tree = (await get(t.ws, '/api/support/kb/categories/')).json<{
      results: { slug: string; article_count: number; children: { slug: string; article_count: number }[] }[];
    }>();
    expect(tree.results).toEqual([
      expect.objectContaining({
        slug: 'shown',
        article_count: 0,
        children: [expect.objectContaining({ slug: 'shown-child', article_count: 1 })],
      }),
    ]);
    expect((await get(t.ws, `/api/support/kb/?category=${t.inactive.id}`)).statusCode).toBe(404);
    const inShown = (await get(t.ws, '/api/support/kb/?category=shown')).json<Listed>();
    expect(inShown.results.map((a) => a.id)).toEqual([t.visible.id]);
    expect((await get(t.ws, '/api/support/kb/?tag=repair')).json<Listed>().results.map((a) => a.id)).toEqual([
      t.visible.id,
    ]);
    // Another workspace sees none of it.
    const theirs = (await get(t.other, '/api/support/kb/search/?q=warranty')).json<Listed>();
    expect(theirs.results.map((a) => a.id)).toEqual([t.foreign.id]);
    expect((await get(t.other, `/api/support/kb/${t.visible.slug}/`)).statusCode).toBe(404);
  });

  it('returns the article with breadcrumbs, related articles and rendered HTML', async () => {
    const t = await hiddenAndVisible();
    const [sibling] = await insertArticles(db, t.ws, [
      { title: 'Repair times', category_id: t.child.id, content: '# Repairs\n\n**Two** weeks.' },
    ]);
    const res = await get(t.ws, `/api/support/kb/${t.visible.slug}/`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: t.visible.id,
      tags: ['warranty', 'repair'],
      category: { id: t.child.id, slug: 'shown-child' },
      breadcrumbs: [{ slug: 'shown' }, { slug: 'shown-child' }],
      related: [{ id: sibling!.id, title: 'Repair times' }],
      language: 'en',
      language_fallback: false,
      redirected_from: null,
      your_vote: null,
    });
    const repair = (await get(t.ws, `/api/support/kb/${sibling!.slug}/`)).json<{ content_html: string }>();
    expect(repair.content_html).toBe('<h1>Repairs</h1>\n<p><strong>Two</strong> weeks.</p>\n');
  });

  it('answers 400 for bad input and needs a workspace when there are several', async () => {
    const t = await hiddenAndVisible();
    expect((await get(t.ws, '/api/support/kb/search/')).statusCode).toBe(400);
    expect((await get(t.ws, '/api/support/kb/search/?q=x&limit=1000')).statusCode).toBe(400);
    expect((await get(t.ws, '/api/support/kb/search/?q=x&cursor=bad')).statusCode).toBe(400);
    expect((await get(t.ws, '/api/support/kb/?language=not%20a%20language')).statusCode).toBe(400);
    expect((await get(t.ws, '/api/support/kb/?sort=oldest')).statusCode).toBe(400);
    expect((await get(t.ws, '/api/support/kb/Bad_Slug/')).statusCode).toBe(400);
    const noWs = await app.inject({ method: 'GET', url: '/api/support/kb/' });
    expect(noWs.statusCode).toBe(400);
    expect(noWs.headers['content-type']).toContain('application/problem+json');
    expect((await get({ slug: 'no-such-workspace' }, '/api/support/kb/')).statusCode).toBe(404);
    const bad = await app.inject({
      method: 'POST',
      url: `/api/support/kb/${t.visible.id}/helpful/`,
      headers: { 'x-workspace': t.ws.slug },
      payload: { helpful: 'maybe' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('public knowledge base: languages', () => {
  async function bilingual() {
    const ws = await buildWorkspace(db);
    const [en, enOnly] = await insertArticles(db, ws, [
      { title: 'Returns', slug: 'returns', content: 'Send it back.' },
      { title: 'Gift cards', slug: 'gift-cards' },
    ]);
    const [de] = await insertArticles(db, ws, [
      {
        title: 'Rücksendungen',
        slug: 'returns',
        language: 'de',
        content: 'Zurückschicken.',
        translation_group_id: en!.translation_group_id,
      },
    ]);
    return { ws, en: en!, de: de!, enOnly: enOnly! };
  }

  it('serves ?language=, else the best Accept-Language, else the default, and says when it falls back', async () => {
    const { ws, en, de, enOnly } = await bilingual();
    expect(de.translation_group_id).toBe(en.translation_group_id);
    const german = (await get(ws, '/api/support/kb/returns/?language=de')).json<object>();
    expect(german).toMatchObject({
      id: de.id,
      language: 'de',
      language_fallback: false,
      translations: [{ language: 'en', slug: 'returns' }],
    });
    const byHeader = (
      await get(ws, '/api/support/kb/returns/', {
        'accept-language': 'fr-CH, fr;q=0.9, de-AT;q=0.8, en;q=0.5',
      })
    ).json<object>();
    expect(byHeader).toMatchObject({ id: de.id, requested_language: 'de-at', language_fallback: false });
    const missing = (await get(ws, '/api/support/kb/gift-cards/?language=de')).json<object>();
    expect(missing).toMatchObject({
      id: enOnly.id,
      language: 'en',
      requested_language: 'de',
      language_fallback: true,
    });
    const french = (await get(ws, '/api/support/kb/?language=fr')).json<Listed>();
    expect(french).toMatchObject({ language: 'en', requested_language: 'fr', language_fallback: true });
    expect(french.results).toHaveLength(2);
    const germanList = (await get(ws, '/api/support/kb/', { 'accept-language': 'de' })).json<Listed>();
    expect(germanList.results.map((a) => a.id)).toEqual([de.id]);
    const germanSearch = (await get(ws, '/api/support/kb/search/?q=rucksendung&language=de')).json<Listed>();
    expect(germanSearch.results.map((a) => a.id)).toEqual([de.id]);
  });

  it('finds an article by an old slug, with redirected_from', async () => {
    const { ws, en } = await bilingual();
    const admin = await buildAdmin(db, ws);
    const renamed = await app.inject(
      asBearer(admin.token, {
        method: 'PATCH',
        url: `/api/support/admin/kb/articles/${en.id}/`,
        payload: { slug: 'sending-back' },
      }),
    );
    expect(renamed.statusCode).toBe(200);
    const old = (await get(ws, '/api/support/kb/returns/?language=en')).json<object>();
    expect(old).toMatchObject({ id: en.id, slug: 'sending-back', redirected_from: 'returns' });
    const fresh = (await get(ws, '/api/support/kb/sending-back/')).json<object>();
    expect(fresh).toMatchObject({ id: en.id, redirected_from: null });
  });
});

describe('public knowledge base: views and votes', () => {
  const visitor = (
    ws: { slug: string },
    ua: string,
    ip = '203.0.113.7',
  ): Pick<InjectOptions, 'headers' | 'remoteAddress'> => ({
    headers: { 'x-workspace': ws.slug, 'user-agent': ua },
    remoteAddress: ip,
  });

  it('counts a view once per visitor and day, never a crawler or staff, and stores no address', async () => {
    const ws = await buildWorkspace(db);
    const [a] = await insertArticles(db, ws, [{ title: 'Counted' }]);
    const url = `/api/support/kb/${a!.slug}/`;
    const read = (opts: Pick<InjectOptions, 'headers' | 'remoteAddress'>) =>
      app.inject({ method: 'GET', url, ...opts });
    expect((await read(visitor(ws, 'Firefox'))).json()).toMatchObject({ view_count: 1 });
    expect((await read(visitor(ws, 'Firefox'))).json()).toMatchObject({ view_count: 1 });
    expect((await read(visitor(ws, 'Chrome'))).json()).toMatchObject({ view_count: 2 });
    expect((await read(visitor(ws, 'Firefox', '198.51.100.1'))).json()).toMatchObject({ view_count: 3 });
    expect((await read(visitor(ws, 'Googlebot/2.1'))).json()).toMatchObject({ view_count: 3 });
    const admin = await buildAdmin(db, ws);
    expect((await app.inject(asBearer(admin.token, { method: 'GET', url }))).json()).toMatchObject({
      view_count: 3,
    });
    const rows = await inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('kb_article_views').selectAll().execute(),
    );
    expect(rows).toHaveLength(3);
    expect(JSON.stringify(rows)).not.toMatch(/203\.0\.113|198\.51|Firefox/);
  });

  it('takes one vote per visitor, lets them change it, and keeps the counters in step', async () => {
    const ws = await buildWorkspace(db);
    const [a] = await insertArticles(db, ws, [{ title: 'Voted', helpful_count: 10, not_helpful_count: 2 }]);
    const vote = (helpful: boolean, ua = 'Firefox') =>
      app.inject({
        method: 'POST',
        url: `/api/support/kb/${a!.id}/helpful/`,
        payload: { helpful },
        ...visitor(ws, ua),
      });
    expect((await vote(true)).json()).toEqual({
      id: a!.id,
      helpful_count: 11,
      not_helpful_count: 2,
      your_vote: true,
    });
    expect((await vote(true)).json()).toMatchObject({ helpful_count: 11, not_helpful_count: 2 });
    expect((await vote(false)).json()).toMatchObject({
      helpful_count: 10,
      not_helpful_count: 3,
      your_vote: false,
    });
    expect((await vote(false, 'Chrome')).json()).toMatchObject({ helpful_count: 10, not_helpful_count: 4 });
    const [results] = await Promise.all([vote(true, 'Safari'), vote(true, 'Safari'), vote(true, 'Safari')]);
    expect(results.statusCode).toBe(200);
    const row = await asSystem(db, (tx) =>
      tx
        .selectFrom('knowledge_articles')
        .select(['helpful_count', 'not_helpful_count'])
        .where('id', '=', a!.id)
        .executeTakeFirstOrThrow(),
    );
    expect(row).toEqual({ helpful_count: 11, not_helpful_count: 4 });
    const read = await app.inject({
      method: 'GET',
      url: `/api/support/kb/${a!.slug}/`,
      ...visitor(ws, 'Firefox'),
    });
    expect(read.json()).toMatchObject({ your_vote: false });
    const votes = await inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('kb_article_votes').select('helpful').execute(),
    );
    expect(votes).toHaveLength(3);
  });
});
