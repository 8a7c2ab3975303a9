import { describe, expect, it } from 'vitest';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { adminContext } from '../../test/admin-context.js';
import { asBearer, testApp } from '../../test/app.js';
import { buildTicket } from '../../test/factories.js';

const { app, db } = await testApp();
const CATEGORIES = '/api/support/admin/kb/categories/';
const ARTICLES = '/api/support/admin/kb/articles/';

interface Article {
  id: number;
  slug: string;
  status: string;
  language: string;
  excerpt: string;
  content_html: string;
  tags: string[];
  published_at: string | null;
  translation_group: number;
  translations: { id: number; language: string; slug: string }[];
  previous_slugs: string[];
  author: { id: number; name: string } | null;
  category: { id: number; slug: string } | null;
}

async function setup() {
  const ctx = await adminContext(app, db, ARTICLES);
  const article = async (payload: object, token = ctx.admin.token) => {
    const res = await ctx.call('POST', ARTICLES, payload, token);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Article>();
  };
  const category = async (payload: object) => {
    const res = await ctx.call('POST', CATEGORIES, payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number; slug: string; language: string }>();
  };
  return { ...ctx, article, category };
}

describe('admin knowledge-base categories', () => {
  it('builds a tree per language, refuses cycles, other languages as parents and duplicate slugs', async () => {
    const { call, category } = await setup();
    const shipping = await category({ name: 'Shipping & delivery', icon: 'truck', order: 1 });
    expect(shipping).toMatchObject({ slug: 'shipping-delivery', language: 'en' });
    const tracking = await category({ name: 'Tracking', parent: shipping.id });
    const de = await category({ name: 'Versand', language: 'de', slug: 'shipping-delivery' });
    expect(de.slug).toBe('shipping-delivery');
    expect((await call('POST', CATEGORIES, { name: 'Shipping & Delivery' })).statusCode).toBe(409);
    const wrongParent = await call('POST', CATEGORIES, { name: 'X', parent: de.id });
    expect(wrongParent.statusCode).toBe(400);
    expect(wrongParent.json()).toMatchObject({ errors: [{ path: 'parent' }] });
    const cycle = await call('PATCH', `${CATEGORIES}${shipping.id}/`, { parent: tracking.id });
    expect(cycle.statusCode).toBe(422);
    expect((await call('POST', CATEGORIES, { name: 'Search', slug: 'search' })).statusCode).toBe(400);
    expect((await call('POST', CATEGORIES, { name: 'X', language: 'not a language' })).statusCode).toBe(400);
    const list = await call('GET', `${CATEGORIES}?language=en`);
    expect(list.json<{ results: { slug: string; parent: unknown }[] }>().results.map((c) => c.slug)).toEqual([
      'tracking',
      'shipping-delivery',
    ]);
    const patched = await call('PATCH', `${CATEGORIES}${tracking.id}/`, { is_active: false, order: 5 });
    expect(patched.json()).toMatchObject({ is_active: false, order: 5, parent: { id: shipping.id } });
  });

  it('refuses to delete a category that holds articles; agents write but do not delete', async () => {
    const { call, category, article, agentToken } = await setup();
    const parent = await category({ name: 'Returns' });
    const child = await category({ name: 'Labels', parent: parent.id });
    const a = await article({ title: 'Print a label', content: 'x', category: child.id });
    const refused = await call('DELETE', `${CATEGORIES}${parent.id}/`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'STILL_REFERENCED' });
    expect((await call('DELETE', `${ARTICLES}${a.id}/`, undefined, agentToken)).statusCode).toBe(403);
    expect((await call('PATCH', `${CATEGORIES}${child.id}/`, { icon: 'tag' }, agentToken)).statusCode).toBe(
      200,
    );
    expect((await call('DELETE', `${ARTICLES}${a.id}/`)).statusCode).toBe(204);
    expect((await call('DELETE', `${CATEGORIES}${parent.id}/`, undefined, agentToken)).statusCode).toBe(403);
    expect((await call('DELETE', `${CATEGORIES}${parent.id}/`)).statusCode).toBe(204);
    expect((await call('GET', `${CATEGORIES}${child.id}/`)).statusCode).toBe(404);
  });
});

describe('admin knowledge-base articles', () => {
  it('creates drafts with a slug from the title, a derived excerpt, rendered HTML and the author', async () => {
    const { article, admin } = await setup();
    const a = await article({
      title: 'How do I return an item?',
      content: 'You can return **any** item within 30 days.\n\n<script>alert(1)</script>',
      tags: ['Returns', ' label ', 'returns'],
    });
    expect(a).toMatchObject({
      slug: 'how-do-i-return-an-item',
      status: 'draft',
      language: 'en',
      published_at: null,
      tags: ['returns', 'label'],
      excerpt: 'You can return any item within 30 days. <script>alert(1)</script>',
      author: { id: admin.id },
    });
    expect(a.content_html).toContain('<strong>any</strong>');
    expect(a.content_html).not.toContain('<script>');
    const b = await article({ title: 'Payments', content: 'x', tags: 'paypal, klarna', status: 'published' });
    expect(b.status).toBe('published');
    expect(b.tags).toEqual(['paypal', 'klarna']);
    expect(Date.parse(b.published_at!)).toBeGreaterThan(0);
  });

  it('follows draft → published → archived, keeping the first publication date', async () => {
    const { article, call } = await setup();
    const a = await article({ title: 'Lifecycle', content: 'x' });
    const url = `${ARTICLES}${a.id}/`;
    expect((await call('PATCH', url, { status: 'archived' })).statusCode).toBe(422);
    const published = (await call('PATCH', url, { status: 'published' })).json<Article>();
    expect(published.status).toBe('published');
    const archived = (await call('PATCH', url, { status: 'archived' })).json<Article>();
    expect(archived.status).toBe('archived');
    const again = (await call('PATCH', url, { status: 'published' })).json<Article>();
    expect(again.published_at).toBe(published.published_at);
    expect((await call('PATCH', url, { status: 'gone' })).statusCode).toBe(400);
  });

  it('keeps renamed slugs as redirects and re-derives an excerpt nobody wrote', async () => {
    const { article, call } = await setup();
    const a = await article({ title: 'Old title', content: 'First text.' });
    const url = `${ARTICLES}${a.id}/`;
    const renamed = (
      await call('PATCH', url, { slug: 'new-title', content: 'Second text.' })
    ).json<Article>();
    expect(renamed).toMatchObject({
      slug: 'new-title',
      previous_slugs: ['old-title'],
      excerpt: 'Second text.',
    });
    const written = (await call('PATCH', url, { excerpt: 'Mine.' })).json<Article>();
    expect((await call('PATCH', url, { content: 'Third.' })).json()).toMatchObject({ excerpt: 'Mine.' });
    expect(written.excerpt).toBe('Mine.');
    // A new article may take the old slug; then it no longer redirects.
    const b = await article({ title: 'Old title', content: 'y' });
    expect(b.slug).toBe('old-title');
    expect((await call('GET', url)).json()).toMatchObject({ previous_slugs: [] });
    expect((await call('PATCH', url, { slug: 'old-title' })).statusCode).toBe(409);
    expect((await call('PATCH', url, { slug: 'Not A Slug' })).statusCode).toBe(400);
  });

  it('links translations (same slug, or translation_of) and refuses a second one per language', async () => {
    const { article, call, category } = await setup();
    const en = await article({ title: 'Returns', content: 'Return it.' });
    const de = await article({ title: 'Rücksendungen', slug: 'returns', language: 'de', content: 'Zurück.' });
    expect(de.translation_group).toBe(en.translation_group);
    const fr = await article({ title: 'Retours', language: 'fr', content: 'Retour.', translation_of: en.id });
    expect(fr.slug).toBe('returns');
    const enView = (await call('GET', `${ARTICLES}${en.id}/`)).json<Article>();
    expect(enView.translations.map((t) => t.language)).toEqual(['de', 'fr']);
    const dup = await call('POST', ARTICLES, {
      title: 'Noch eins',
      language: 'de',
      content: 'x',
      translation_of: en.id,
    });
    expect(dup.statusCode).toBe(409);
    const solo = (await call('PATCH', `${ARTICLES}${fr.id}/`, { translation_of: null })).json<Article>();
    expect(solo.translations).toEqual([]);
    expect(solo.translation_group).not.toBe(en.translation_group);
    const deCategory = await category({ name: 'Versand', language: 'de' });
    const mismatch = await call('PATCH', `${ARTICLES}${en.id}/`, { category: deCategory.id });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({ errors: [{ path: 'category' }] });
  });

  it('lists with filters and by relevance, with a cursor', async () => {
    const { article, call } = await setup();
    await article({ title: 'Parcel lost', content: 'x', status: 'published', tags: 'delivery' });
    await article({ title: 'Parcel damaged', content: 'x', tags: 'delivery' });
    await article({ title: 'Gift cards', content: 'x', language: 'de' });
    const page1 = (await call('GET', `${ARTICLES}?limit=2`)).json<{
      results: Article[];
      next_cursor: string;
    }>();
    expect(page1.results).toHaveLength(2);
    const page2 = (await call('GET', `${ARTICLES}?limit=2&cursor=${page1.next_cursor}`)).json<{
      results: Article[];
      next_cursor: string | null;
    }>();
    expect(page2.results).toHaveLength(1);
    expect(page2.next_cursor).toBeNull();
    const drafts = (await call('GET', `${ARTICLES}?status=draft&tag=delivery`)).json<{
      results: Article[];
    }>();
    expect(drafts.results.map((a) => a.slug)).toEqual(['parcel-damaged']);
    const found = (await call('GET', `${ARTICLES}?q=parcel%20damaged`)).json<{ results: Article[] }>();
    expect(found.results[0]!.slug).toBe('parcel-damaged');
    expect((await call('GET', `${ARTICLES}?status=nope`)).statusCode).toBe(400);
    expect((await call('GET', `${ARTICLES}?cursor=zzz`)).statusCode).toBe(400);
  });

  it('answers 404 for another workspace’s articles and categories, 400 for bad input', async () => {
    const mine = await setup();
    const theirs = await setup();
    const a = await theirs.article({ title: 'Theirs', content: 'x' });
    const c = await theirs.category({ name: 'Theirs' });
    for (const [method, url] of [
      ['GET', `${ARTICLES}${a.id}/`],
      ['PATCH', `${ARTICLES}${a.id}/`],
      ['DELETE', `${ARTICLES}${a.id}/`],
      ['GET', `${CATEGORIES}${c.id}/`],
      ['PATCH', `${CATEGORIES}${c.id}/`],
      ['DELETE', `${CATEGORIES}${c.id}/`],
    ] as const) {
      const res = await mine.call(method, url, method === 'PATCH' ? { title: 'x' } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(
        method === 'PATCH' && url.includes('categor') ? 400 : 404,
      );
    }
    expect((await mine.call('PATCH', `${CATEGORIES}${c.id}/`, { name: 'x' })).statusCode).toBe(404);
    expect((await mine.call('POST', ARTICLES, { title: 'x', content: 'y', category: c.id })).statusCode).toBe(
      400,
    );
    expect(
      (await mine.call('POST', ARTICLES, { title: 'x', content: 'y', translation_of: a.id })).statusCode,
    ).toBe(400);
    expect(
      (await mine.call('POST', ARTICLES, { title: 'x', content: 'y', author: theirs.admin.id })).statusCode,
    ).toBe(400);
    expect((await mine.call('POST', ARTICLES, { title: 'x' })).statusCode).toBe(400);
    expect((await mine.call('POST', ARTICLES, { title: ' ', content: 'y' })).statusCode).toBe(400);
    expect((await mine.call('POST', ARTICLES, { title: 'x', content: 'y', colour: 1 })).statusCode).toBe(400);
    expect(
      (await app.inject({ method: 'GET', url: ARTICLES, headers: { 'x-workspace': mine.ws.slug } }))
        .statusCode,
    ).toBe(401);
  });
});

describe('drafting an article from a ticket', () => {
  it('takes the question and the answers sent to the customer, never internal notes', async () => {
    const { ws, call, admin } = await setup();
    const ticket = await buildTicket(db, ws, {
      subject: 'Refund to an expired card',
      description: 'My card expired. Write me at jane@example.com or +49 170 1234567.',
      status: 'resolved',
    });
    await asSystem(db, (tx) =>
      tx
        .insertInto('support_ticket_messages')
        .values([
          {
            workspace_id: ws.id,
            ticket_id: ticket.id,
            message: 'Banks forward refunds to the new card.',
            message_type: 'agent',
            is_staff_reply: true,
            sender_id: admin.id,
            attachments: '[]',
          },
          {
            workspace_id: ws.id,
            ticket_id: ticket.id,
            message: 'SECRET: customer is grumpy',
            message_type: 'note',
            is_staff_reply: true,
            is_internal: true,
            sender_id: admin.id,
            attachments: '[]',
          },
          {
            workspace_id: ws.id,
            ticket_id: ticket.id,
            message: 'Thanks!',
            message_type: 'customer',
            attachments: '[]',
          },
        ])
        .execute(),
    );
    const res = await call('POST', `${ARTICLES}from-ticket/${ticket.ticket_number}/`, {});
    expect(res.statusCode, res.body).toBe(201);
    const draft = res.json<Article & { title: string; content: string }>();
    expect(draft).toMatchObject({
      title: 'Refund to an expired card',
      status: 'draft',
      slug: 'refund-to-an-expired-card',
    });
    expect(draft.content).toContain('Banks forward refunds to the new card.');
    expect(draft.content).toContain('[email]');
    expect(draft.content).toContain('[phone]');
    expect(draft.content).not.toMatch(/SECRET|Thanks!|jane@example\.com/);
    const second = await call('POST', `${ARTICLES}from-ticket/${ticket.id}/`);
    expect(second.json()).toMatchObject({ slug: 'refund-to-an-expired-card-2' });

    const open = await buildTicket(db, ws, { status: 'open' });
    expect((await call('POST', `${ARTICLES}from-ticket/${open.id}/`, {})).statusCode).toBe(422);
    const other = await setup();
    const foreign = await buildTicket(db, other.ws, { status: 'resolved' });
    expect((await call('POST', `${ARTICLES}from-ticket/${foreign.id}/`, {})).statusCode).toBe(404);
    const events = await inWorkspace(db, ws.id, (tx) =>
      tx.selectFrom('domain_events').select('type').where('subject_type', '=', 'article').execute(),
    );
    expect(events.map((e) => e.type)).toContain('kb.article.drafted_from_ticket');
    expect(
      (
        await app.inject(
          asBearer(other.agentToken, {
            method: 'POST',
            url: `${ARTICLES}from-ticket/${ticket.id}/`,
            payload: {},
          }),
        )
      ).statusCode,
    ).toBe(404);
  });
});
