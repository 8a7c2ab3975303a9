import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { NewKnowledgeArticle, Workspace } from '../../../db/schema.js';
import { inWorkspace } from '../../../db/tenant.js';
import { testApp } from '../../../test/app.js';
import { buildWorkspace, unique } from '../../../test/factories.js';

const { app, db } = await testApp();

type ArticleSpec = Partial<NewKnowledgeArticle> & { slug: string; title: string; language?: string };

/** A help centre with everything a visitor must and must not see. */
async function buildSite() {
  const ws = await buildWorkspace(db);
  const other = await buildWorkspace(db);
  const ids = await inWorkspace(db, ws.id, async (tx) => {
    const category = async (
      slug: string,
      name: string,
      extra: { language?: string; parent_id?: number; is_active?: boolean; order?: number } = {},
    ) =>
      (
        await tx
          .insertInto('knowledge_categories')
          .values({
            workspace_id: ws.id,
            slug,
            name,
            language: 'en',
            description: `${name} things`,
            ...extra,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const shipping = await category('shipping', 'Shipping');
    const tracking = await category('tracking', 'Tracking', { parent_id: shipping });
    const secret = await category('secret', 'Secret stuff', { is_active: false });
    const hiddenChild = await category('hidden-child', 'Hidden child', { parent_id: secret });
    const versand = await category('shipping', 'Versand', { language: 'de' });
    const article = async (a: ArticleSpec) =>
      (
        await tx
          .insertInto('knowledge_articles')
          .values({
            workspace_id: ws.id,
            language: 'en',
            status: 'published',
            content: a.title,
            content_text: a.title,
            content_html: `<p>${a.title.replace(/</g, '&lt;')}</p>`,
            published_at: new Date('2025-03-01T10:00:00Z'),
            updated_at: new Date('2025-03-02T10:00:00Z'),
            ...a,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const delivery = await article({
      slug: 'delivery-times',
      title: 'How long does delivery take?',
      category_id: shipping,
      excerpt: 'Delivery times for every country.',
      meta_description: 'Delivery times and costs, country by country.',
      content: 'Parcels arrive in **two days** by courier.',
      content_text: 'Parcels arrive in two days by courier.',
      content_html: '<p>Parcels arrive in <strong>two days</strong> by courier.</p>',
      view_count: 50,
      tags: 'delivery,shipping',
    });
    const lieferung = await article({
      slug: 'delivery-times',
      language: 'de',
      title: 'Wie lange dauert die Lieferung?',
      category_id: versand,
      content: 'Pakete kommen in zwei Tagen.',
      content_text: 'Pakete kommen in zwei Tagen.',
    });
    const tracked = await article({
      slug: 'track-parcel',
      title: 'Tracking your parcel',
      category_id: tracking,
    });
    await article({ slug: 'draft-article', title: 'Unicorn draft', status: 'draft', category_id: shipping });
    await article({ slug: 'archived-article', title: 'Unicorn archived', status: 'archived' });
    await article({ slug: 'inactive-article', title: 'Unicorn inactive', category_id: secret });
    await article({ slug: 'hidden-child-article', title: 'Unicorn hidden child', category_id: hiddenChild });
    const xss = await article({
      slug: 'xss',
      title: '<script>alert("t")</script> Escaping & more',
      excerpt: '"Quotes" & <b>tags</b>',
    });
    await tx
      .insertInto('kb_article_slug_history')
      .values({ workspace_id: ws.id, language: 'en', slug: 'old-delivery', article_id: delivery })
      .execute();
    return { delivery, lieferung, tracked, xss };
  });
  await inWorkspace(db, other.id, (tx) =>
    tx
      .insertInto('knowledge_articles')
      .values({
        workspace_id: other.id,
        slug: 'delivery-times',
        title: 'Unicorn elsewhere',
        content: 'Unicorn elsewhere',
        language: 'en',
        status: 'published',
      })
      .execute(),
  );
  return { ws, other, ...ids, base: `/kb/${ws.slug}` };
}

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

function expectHtml(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
}

const HIDDEN = /Unicorn|Secret stuff|Hidden child/;

async function article(ws: Workspace, id: number) {
  return inWorkspace(db, ws.id, (tx) =>
    tx.selectFrom('knowledge_articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  );
}

describe('help centre pages', () => {
  it('renders the home page: categories, popular articles, search box, SEO links, one inline style', async () => {
    const { base } = await buildSite();
    const res = await get(`${base}/en/`);
    expectHtml(res, 200);
    const page = res.body;
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toMatch(/<meta name="description" content="[^"]+">/);
    expect(page).toContain(`<link rel="canonical" href="http://localhost:3000${base}/en/">`);
    expect(page).toContain(`<link rel="alternate" hreflang="de" href="http://localhost:3000${base}/de/">`);
    expect(page).toContain(`<a href="${base}/en/category/shipping">Shipping</a>`);
    expect(page).toContain(`<a href="${base}/en/delivery-times">How long does delivery take?</a>`);
    expect(page).toContain(`<form class="search" role="search" method="get" action="${base}/en/search">`);
    expect(page.match(/<style>/g)).toHaveLength(1);
    expect(page).not.toMatch(/<script|<link rel="stylesheet"|src="http/);
    expect(page).not.toMatch(HIDDEN);
    expect(res.headers['cache-control']).toContain('public');
  });

  it('renders an article with its HTML, translations as hreflang links and a helpful form that needs no JS', async () => {
    const { base } = await buildSite();
    const res = await get(`${base}/en/delivery-times`);
    expectHtml(res, 200);
    const page = res.body;
    expect(page).toContain('<h1>How long does delivery take?</h1>');
    expect(page).toContain('<p>Parcels arrive in <strong>two days</strong> by courier.</p>');
    expect(page).toContain(
      '<meta name="description" content="Delivery times and costs, country by country.">',
    );
    expect(page).toContain(`<link rel="canonical" href="http://localhost:3000${base}/en/delivery-times">`);
    expect(page).toContain(
      `<link rel="alternate" hreflang="de" href="http://localhost:3000${base}/de/delivery-times">`,
    );
    expect(page).toContain(
      `<link rel="alternate" hreflang="en" href="http://localhost:3000${base}/en/delivery-times">`,
    );
    expect(page).toContain(`<form method="post" action="${base}/en/delivery-times/helpful">`);
    expect(page).toContain('<button type="submit" name="helpful" value="yes"');
    expect(page).toContain(`<a href="${base}/en/category/shipping">Shipping</a>`);
    expect(page).not.toMatch(HIDDEN);

    const de = await get(`${base}/de/delivery-times`);
    expectHtml(de, 200);
    expect(de.body).toContain('<html lang="de">');
    expect(de.body).toContain('War dieser Artikel hilfreich?');
  });

  it('answers a repeat visit with 304 for the same ETag, and counts views like the API', async () => {
    const { ws, base, delivery } = await buildSite();
    const reader = { 'user-agent': 'Mozilla/5.0 (reader one)' };
    const first = await get(`${base}/en/delivery-times`, reader);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    const again = await get(`${base}/en/delivery-times`, { ...reader, 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // The same reader the same day is one view; another reader is another; crawlers and HEAD are none.
    expect((await article(ws, delivery)).view_count).toBe(51);
    await get(`${base}/en/delivery-times`, { 'user-agent': 'Mozilla/5.0 (reader two)' });
    await get(`${base}/en/delivery-times`, { 'user-agent': 'Googlebot/2.1' });
    await app.inject({
      method: 'HEAD',
      url: `${base}/en/delivery-times`,
      headers: { 'user-agent': 'Mozilla/5.0 (three)' },
    });
    expect((await article(ws, delivery)).view_count).toBe(52);
  });

  it('sends a slug of another language to the translation, or to the article in its own language', async () => {
    const { base } = await buildSite();
    // /de/track-parcel: no German translation, so the English article, temporarily.
    const other = await get(`${base}/de/track-parcel`);
    expect(other.statusCode).toBe(302);
    expect(other.headers.location).toBe(`${base}/en/track-parcel`);
  });

  it('limits helpful votes per client with a 429 page', async () => {
    const { base } = await buildSite();
    const vote = () =>
      app.inject({
        method: 'POST',
        url: `${base}/en/delivery-times/helpful`,
        remoteAddress: '203.0.113.77',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'helpful=yes',
      });
    for (let i = 0; i < 30; i++) expect((await vote()).statusCode).toBe(303);
    const limited = await vote();
    expectHtml(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('takes a helpful vote from a plain form POST and thanks the reader', async () => {
    const { ws, base, delivery } = await buildSite();
    const before = await article(ws, delivery);
    const res = await app.inject({
      method: 'POST',
      url: `${base}/en/delivery-times/helpful`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' },
      payload: 'helpful=yes',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${base}/en/delivery-times?voted=yes#feedback`);
    expect((await article(ws, delivery)).helpful_count).toBe(before.helpful_count + 1);
    const thanks = await get(`${base}/en/delivery-times?voted=yes`);
    expect(thanks.body).toContain('Thanks for your feedback!');
    expect(thanks.body).not.toContain('name="helpful"');

    const no = await app.inject({
      method: 'POST',
      url: `${base}/en/delivery-times/helpful`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'helpful=no',
    });
    expect(no.headers.location).toBe(`${base}/en/delivery-times?voted=no#feedback`);
  });

  it('refuses cross-site and malformed votes, and votes on what a visitor cannot see', async () => {
    const { base } = await buildSite();
    const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload,
      });
    const cross = await post(`${base}/en/delivery-times/helpful`, 'helpful=yes', {
      origin: 'https://evil.test',
    });
    expectHtml(cross, 403);
    const fetched = await post(`${base}/en/delivery-times/helpful`, 'helpful=yes', {
      origin: 'null',
      'sec-fetch-site': 'cross-site',
    });
    expectHtml(fetched, 403);
    // Our own page (Referrer-Policy no-referrer) posts with Origin "null" and Sec-Fetch-Site same-origin.
    const own = await post(`${base}/en/delivery-times/helpful`, 'helpful=yes', {
      origin: 'null',
      'sec-fetch-site': 'same-origin',
    });
    expect(own.statusCode).toBe(303);
    expectHtml(await post(`${base}/en/delivery-times/helpful`, 'helpful=maybe'), 400);
    expectHtml(await post(`${base}/en/delivery-times/helpful`, ''), 400);
    expectHtml(await post(`${base}/en/draft-article/helpful`, 'helpful=yes'), 404);
    expectHtml(await post(`/kb/nope-${unique()}/en/delivery-times/helpful`, 'helpful=yes'), 404);
  });

  it('shows category pages with their sections and articles, and 404 for inactive ones', async () => {
    const { base } = await buildSite();
    const res = await get(`${base}/en/category/shipping`);
    expectHtml(res, 200);
    expect(res.body).toContain(`<a href="${base}/en/category/tracking">Tracking</a>`);
    expect(res.body).toContain(`<a href="${base}/en/delivery-times">`);
    expect(res.body).toContain(`hreflang="de" href="http://localhost:3000${base}/de/category/shipping"`);
    expect(res.body).not.toMatch(HIDDEN);
    const sub = await get(`${base}/en/category/tracking`);
    expect(sub.body).toContain(`<a href="${base}/en/category/shipping">Shipping</a>`);
    expect(sub.body).toContain('Tracking your parcel');
    expectHtml(await get(`${base}/en/category/secret`), 404);
    expectHtml(await get(`${base}/en/category/hidden-child`), 404);
    expectHtml(await get(`${base}/en/category/nope`), 404);
    expectHtml(await get(`${base}/en/category/shipping?after=garbage`), 400);
  });

  it('never shows drafts, archived articles, inactive categories or other workspaces', async () => {
    const { base, other } = await buildSite();
    for (const slug of ['draft-article', 'archived-article', 'inactive-article', 'hidden-child-article']) {
      const res = await get(`${base}/en/${slug}`);
      expectHtml(res, 404);
      expect(res.body).not.toMatch(HIDDEN);
    }
    const search = await get(`${base}/en/search?q=unicorn`);
    expectHtml(search, 200);
    expect(search.body).not.toMatch(/Unicorn (draft|archived|inactive|hidden|elsewhere)/);
    expect(search.body).toContain('Nothing found');
    const sitemap = await get(`${base}/sitemap.xml`);
    expect(sitemap.body).not.toMatch(/draft-article|archived-article|inactive-article|hidden-child|secret/);
    // The other workspace's article with the same slug is its own, not ours.
    const theirs = await get(`/kb/${other.slug}/en/delivery-times`);
    expect(theirs.body).toContain('Unicorn elsewhere');
    expect((await get(`${base}/en/delivery-times`)).body).not.toContain('Unicorn elsewhere');
  });

  it('answers 404 pages for unknown workspaces, languages and slugs', async () => {
    const { base } = await buildSite();
    for (const url of [
      `/kb/nope-${unique()}/en/`,
      `/kb/nope-${unique()}/sitemap.xml`,
      `${base}/fr/`,
      `${base}/xx-not-a-language!/`,
      `${base}/en/no-such-article`,
      `${base}/en/delivery-times/extra/parts`,
      '/kb/',
    ]) {
      const res = await get(url);
      expectHtml(res, 404);
      expect(res.body, url).toMatch(/Page not found|Seite nicht gefunden/);
      expect(res.body).toContain('<meta name="robots" content="noindex">');
    }
  });

  it('redirects an old slug to the current one with 301, and /kb/<workspace> to a language', async () => {
    const { base } = await buildSite();
    const moved = await get(`${base}/en/old-delivery`);
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe(`${base}/en/delivery-times`);
    const de = await get(base, { 'accept-language': 'de-CH, de;q=0.9, en;q=0.5' });
    expect(de.statusCode).toBe(302);
    expect(de.headers.location).toBe(`${base}/de/`);
    expect((await get(base, { 'accept-language': 'fr' })).headers.location).toBe(`${base}/en/`);
  });

  it('escapes article titles, excerpts and the search query', async () => {
    const { base } = await buildSite();
    const page = (await get(`${base}/en/xss`)).body;
    expect(page).toContain('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; Escaping &amp; more');
    expect(page).not.toContain('<script>');
    const home = (await get(`${base}/en/`)).body;
    expect(home).toContain('&quot;Quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt;');
    expect(home).not.toContain('<script>');
    const search = await get(`${base}/en/search?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expectHtml(search, 200);
    expect(search.body).not.toContain('<script>');
    expect(search.body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    // A snippet cut from an article whose text holds markup shows the markup as text.
    const found = await get(`${base}/en/search?q=escaping`);
    expect(found.body).toContain(`<a href="${base}/en/xss">`);
    expect(found.body).toContain('<mark>Escaping</mark>');
    expect(found.body).toContain('&lt;script&gt;');
    expect(found.body).not.toContain('<script>');
  });

  it('searches with highlighted snippets, a "did you mean" for typos, and paging', async () => {
    const { base } = await buildSite();
    const res = await get(`${base}/en/search?q=courier`);
    expectHtml(res, 200);
    expect(res.body).toContain(`<a href="${base}/en/delivery-times">`);
    expect(res.body).toContain('<mark>courier</mark>');
    expect(res.body).toContain('<meta name="robots" content="noindex">');
    const typo = await get(`${base}/en/search?q=couirer`);
    expect(typo.body).toContain('Did you mean');
    expect(typo.body).toContain(`<a href="${base}/en/delivery-times">`);
    const empty = await get(`${base}/en/search?q=`);
    expectHtml(empty, 200);
    expect(empty.body).toContain('How long does delivery take?');
    expectHtml(await get(`${base}/en/search?q=courier&cursor=broken`), 400);
  });

  it('lists every visible article of every language in the sitemap with lastmod and hreflang', async () => {
    const { base } = await buildSite();
    const res = await get(`${base}/sitemap.xml`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const xml = res.body;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset /);
    const en = `http://localhost:3000${base}/en/delivery-times`;
    const de = `http://localhost:3000${base}/de/delivery-times`;
    expect(xml).toContain(
      `<url><loc>${en}</loc><lastmod>2025-03-02T10:00:00.000Z</lastmod>` +
        `<xhtml:link rel="alternate" hreflang="de" href="${de}"/>` +
        `<xhtml:link rel="alternate" hreflang="en" href="${en}"/></url>`,
    );
    expect(xml).toContain(`<loc>${de}</loc>`);
    expect(xml).toContain(`<loc>http://localhost:3000${base}/en/track-parcel</loc>`);
    expect(xml).toContain(`<loc>http://localhost:3000${base}/en/xss</loc>`);
    expect(xml).toContain(`<loc>http://localhost:3000${base}/en/category/tracking</loc>`);
    expect(xml).not.toMatch(/Unicorn|draft|archived|inactive|hidden|secret/);
  });
});
