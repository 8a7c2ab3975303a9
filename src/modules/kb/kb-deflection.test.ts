import { describe, expect, it } from 'vitest';
import { inWorkspace } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import { buildAdmin, buildWorkspace } from '../../test/factories.js';
import { insertArticles } from './kb-test-data.js';
import { sweepArticleViews } from './sweep-views-job.js';

const { app, db } = await testApp();

const post = (ws: { slug: string }, url: string, payload: object, ip = '192.0.2.10') =>
  app.inject({ method: 'POST', url, payload, headers: { 'x-workspace': ws.slug }, remoteAddress: ip });

describe('ticket deflection', () => {
  it('suggests the best articles for a ticket being written, top five, typos forgiven', async () => {
    const ws = await buildWorkspace(db);
    const rows = await insertArticles(db, ws, [
      {
        title: 'How do I return an item?',
        content: 'Print the prepaid return label and send the parcel back.',
        tags: 'returns,label',
      },
      {
        title: 'When will I get my refund?',
        content: 'Refunds reach your card in five days.',
        tags: 'refund',
      },
      { title: 'Tracking your parcel', content: 'The tracking number is in the e-mail.' },
      ...Array.from({ length: 6 }, (_, i) => ({ title: `Parcel topic ${i}`, content: 'parcel parcel' })),
    ]);
    const res = await app.inject({
      method: 'GET',
      url: '/api/support/kb/suggest/?subject=I%20want%20to%20retrun%20my%20shoes&description=How%20do%20I%20get%20a%20label%20for%20the%20parcel%3F',
      headers: { 'x-workspace': ws.slug },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ results: { id: number; snippet: string }[]; corrected: boolean }>();
    expect(body.results.length).toBeLessThanOrEqual(5);
    expect(body.results[0]!.id).toBe(rows[0]!.id);
    expect(body.corrected).toBe(true);
    const empty = await app.inject({
      method: 'GET',
      url: '/api/support/kb/suggest/',
      headers: { 'x-workspace': ws.slug },
    });
    expect(empty.json()).toMatchObject({ results: [] });
    // Suggestions are not searches: no misses recorded.
    await app.inject({
      method: 'GET',
      url: '/api/support/kb/suggest/?subject=zzqx%20wwvy',
      headers: { 'x-workspace': ws.slug },
    });
    const misses = await inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('kb_search_misses').selectAll().execute(),
    );
    expect(misses).toEqual([]);
  });

  it('records each event once per session (no address stored) and refuses bad events', async () => {
    const ws = await buildWorkspace(db);
    const other = await buildWorkspace(db);
    const [a] = await insertArticles(db, ws, [{ title: 'Answer' }]);
    const [draft] = await insertArticles(db, ws, [{ title: 'Draft', status: 'draft' }]);
    const [foreign] = await insertArticles(db, other, [{ title: 'Foreign' }]);
    const url = '/api/support/kb/deflection/';
    const session = 'abcdef0123456789';
    expect((await post(ws, url, { event: 'suggestions_shown', session })).json()).toEqual({ recorded: true });
    expect((await post(ws, url, { event: 'suggestions_shown', session })).json()).toEqual({
      recorded: false,
    });
    const opened = await post(ws, url, { event: 'article_opened', session, article_id: a!.id });
    expect(opened.statusCode).toBe(202);
    expect((await post(ws, url, { event: 'left_without_ticket', session })).json()).toEqual({
      recorded: true,
    });
    expect((await post(ws, url, { event: 'article_opened', session })).statusCode).toBe(400);
    expect(
      (await post(ws, url, { event: 'article_opened', session, article_id: foreign!.id })).statusCode,
    ).toBe(404);
    expect(
      (await post(ws, url, { event: 'article_opened', session, article_id: draft!.id })).statusCode,
    ).toBe(404);
    expect((await post(ws, url, { event: 'clicked', session })).statusCode).toBe(400);
    expect((await post(ws, url, { event: 'suggestions_shown', session: 'x' })).statusCode).toBe(400);
    const rows = await inWorkspace(db, ws.id, (tx) =>
      tx
        .selectFrom('kb_deflection_events')
        .select(['event', 'article_id', 'session_id'])
        .orderBy('id')
        .execute(),
    );
    expect(rows).toEqual([
      { event: 'suggestions_shown', article_id: null, session_id: session },
      { event: 'article_opened', article_id: a!.id, session_id: session },
      { event: 'left_without_ticket', article_id: null, session_id: session },
    ]);
  });

  it('rate-limits public writes per client with 429 and Retry-After', async () => {
    const ws = await buildWorkspace(db);
    const [a] = await insertArticles(db, ws, [{ title: 'Popular' }]);
    let last = await post(ws, `/api/support/kb/${a!.id}/helpful/`, { helpful: true }, '192.0.2.99');
    for (let i = 0; i < 30 && last.statusCode === 200; i++) {
      last = await post(ws, `/api/support/kb/${a!.id}/helpful/`, { helpful: i % 2 === 0 }, '192.0.2.99');
    }
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not affected.
    expect(
      (await post(ws, `/api/support/kb/${a!.id}/helpful/`, { helpful: true }, '192.0.2.100')).statusCode,
    ).toBe(200);
  });
});

describe('search misses', () => {
  it('lists what was searched in vain, most frequent first, for staff of the workspace only', async () => {
    const ws = await buildWorkspace(db);
    const other = await buildWorkspace(db);
    await insertArticles(db, ws, [{ title: 'Shipping costs' }]);
    const search = (q: string) =>
      app.inject({
        method: 'GET',
        url: `/api/support/kb/search/?q=${encodeURIComponent(q)}`,
        headers: { 'x-workspace': ws.slug },
      });
    await search('zeppelin delivery');
    await search('Zeppelin   Delivery ');
    await search('hoverboard');
    await search('shipping');
    const admin = await buildAdmin(db, ws);
    const list = await app.inject(
      asBearer(admin.token, { method: 'GET', url: '/api/support/admin/kb/search-misses/' }),
    );
    expect(list.statusCode).toBe(200);
    const body = list.json<{
      results: { id: number; query: string; count: number }[];
      next_cursor: string | null;
    }>();
    expect(body.results.map((m) => [m.query, m.count])).toEqual([
      ['zeppelin delivery', 2],
      ['hoverboard', 1],
    ]);
    const page = await app.inject(
      asBearer(admin.token, { method: 'GET', url: '/api/support/admin/kb/search-misses/?limit=1' }),
    );
    const next = page.json<{ next_cursor: string }>().next_cursor;
    const page2 = await app.inject(
      asBearer(admin.token, {
        method: 'GET',
        url: `/api/support/admin/kb/search-misses/?limit=1&cursor=${next}`,
      }),
    );
    expect(page2.json()).toMatchObject({ results: [{ query: 'hoverboard' }], next_cursor: null });
    const otherAdmin = await buildAdmin(db, other);
    const theirs = await app.inject(
      asBearer(otherAdmin.token, { method: 'GET', url: '/api/support/admin/kb/search-misses/' }),
    );
    expect(theirs.json()).toMatchObject({ results: [] });
    const id = body.results[0]!.id;
    expect(
      (
        await app.inject(
          asBearer(otherAdmin.token, { method: 'DELETE', url: `/api/support/admin/kb/search-misses/${id}/` }),
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await app.inject(
          asBearer(admin.token, { method: 'DELETE', url: `/api/support/admin/kb/search-misses/${id}/` }),
        )
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/support/admin/kb/search-misses/',
          headers: { 'x-workspace': ws.slug },
        })
      ).statusCode,
    ).toBe(401);
  });
});

describe('deflection figures and the view sweep', () => {
  it('counts sessions shown, opened, deflected and submitted, with the articles opened most', async () => {
    const ws = await buildWorkspace(db);
    const [a, b] = await insertArticles(db, ws, [{ title: 'First' }, { title: 'Second' }]);
    const url = '/api/support/kb/deflection/';
    const send = (session: string, event: string, article_id?: number) =>
      post(ws, url, { event, session, ...(article_id ? { article_id } : {}) });
    await send('session-one-1234', 'suggestions_shown');
    await send('session-one-1234', 'article_opened', a!.id);
    await send('session-one-1234', 'left_without_ticket');
    await send('session-two-1234', 'suggestions_shown');
    await send('session-two-1234', 'article_opened', a!.id);
    await send('session-two-1234', 'article_opened', b!.id);
    await send('session-two-1234', 'ticket_submitted');
    await send('session-three-12', 'suggestions_shown');
    const admin = await buildAdmin(db, ws);
    const res = await app.inject(
      asBearer(admin.token, { method: 'GET', url: '/api/support/admin/kb/deflection/' }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      sessions_with_suggestions: 3,
      sessions_opened_article: 2,
      sessions_deflected: 1,
      sessions_submitted_ticket: 1,
      deflection_rate: 0.333,
      top_articles: [
        { id: a!.id, opened: 2 },
        { id: b!.id, opened: 1 },
      ],
    });
    const bad = await app.inject(
      asBearer(admin.token, { method: 'GET', url: '/api/support/admin/kb/deflection/?from=yesterday' }),
    );
    expect(bad.statusCode).toBe(400);
    const other = await buildAdmin(db, await buildWorkspace(db));
    const theirs = await app.inject(
      asBearer(other.token, { method: 'GET', url: '/api/support/admin/kb/deflection/' }),
    );
    expect(theirs.json()).toMatchObject({ sessions_with_suggestions: 0, top_articles: [] });
  });

  it('forgets views of days before yesterday and keeps the counts', async () => {
    const ws = await buildWorkspace(db);
    const [a] = await insertArticles(db, ws, [{ title: 'Viewed', view_count: 7 }]);
    await inWorkspace(db, ws.id, (tx) =>
      tx
        .insertInto('kb_article_views')
        .values([
          { workspace_id: ws.id, article_id: a!.id, visitor_hash: 'old', day: '2026-01-01' },
          { workspace_id: ws.id, article_id: a!.id, visitor_hash: 'new', day: '2026-01-09' },
        ])
        .execute(),
    );
    expect(await sweepArticleViews(db, new Date('2026-01-10T05:00:00Z'))).toBeGreaterThanOrEqual(1);
    const left = await inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('kb_article_views').select('visitor_hash').execute(),
    );
    expect(left).toEqual([{ visitor_hash: 'new' }]);
    const count = await inWorkspace(db, ws.id, (tx) =>
      tx
        .selectFrom('knowledge_articles')
        .select('view_count')
        .where('id', '=', a!.id)
        .executeTakeFirstOrThrow(),
    );
    expect(count.view_count).toBe(7);
  });
});
