/**
 * Every article slug fits the router's path-parameter limit (100), so anything search and the sitemap
 * list can be opened: long titles give short slugs, longer slugs are refused, the database refuses them
 * too, and migration 0016 shortened the ones stored before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listMigrations } from '../../db/migrate.js';
import { asSystem } from '../../db/tenant.js';
import { adminContext } from '../../test/admin-context.js';
import { testApp } from '../../test/app.js';
import { buildTicket } from '../../test/factories.js';
import { insertArticles } from './kb-test-data.js';
import { MAX_SLUG_LENGTH } from './slugs.js';

const { app, db } = await testApp();
const ARTICLES = '/api/support/admin/kb/articles/';
const TITLE = `${'Where is my parcel and when will it arrive '.repeat(4)}at my door`;

describe('article slugs', () => {
  it('derives a slug the router accepts from a 170-character title, and serves the article', async () => {
    expect(TITLE.length).toBeGreaterThan(140);
    const { ws, call } = await adminContext(app, db, ARTICLES);
    const res = await call('POST', ARTICLES, { title: TITLE, content: 'Soon.', status: 'published' });
    expect(res.statusCode, res.body).toBe(201);
    const { slug } = res.json<{ slug: string }>();
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug).toMatch(/^where-is-my-parcel.*[a-z]$/);
    const api = await app.inject({
      method: 'GET',
      url: `/api/support/kb/${slug}/`,
      headers: { 'x-workspace': ws.slug },
    });
    expect(api.statusCode, api.body).toBe(200);
    const page = await app.inject({ method: 'GET', url: `/kb/${ws.slug}/en/${slug}` });
    expect(page.statusCode).toBe(200);
  });

  it('refuses a slug longer than the limit with 400, on create and on update', async () => {
    const { call, create } = await adminContext(app, db, ARTICLES);
    const long = 'a'.repeat(MAX_SLUG_LENGTH + 1);
    const created = await call('POST', ARTICLES, { title: 'T', content: 'x', slug: long });
    expect(created.statusCode).toBe(400);
    expect(created.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'body.slug' }] });
    const a = await create({ title: 'Short', content: 'x' });
    const updated = await call('PATCH', `${ARTICLES}${a.id}/`, { slug: long });
    expect(updated.statusCode).toBe(400);
  });

  it('numbers a long draft title from a ticket within the limit', async () => {
    const { ws, call } = await adminContext(app, db, ARTICLES);
    const ticket = await buildTicket(db, ws, { subject: TITLE, status: 'resolved' });
    const slugs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await call('POST', `${ARTICLES}from-ticket/${ticket.id}/`, {});
      expect(res.statusCode, res.body).toBe(201);
      slugs.push(res.json<{ slug: string }>().slug);
    }
    expect(slugs[1]).toBe(`${slugs[0]}-2`);
    for (const slug of slugs) expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
  });

  it('is refused by the database over the limit', async () => {
    const { ws } = await adminContext(app, db, ARTICLES);
    await expect(
      insertArticles(db, ws, [{ title: 'x', slug: 'b'.repeat(MAX_SLUG_LENGTH + 1) }]),
    ).rejects.toThrow(/knowledge_articles_slug_length/);
  });

  it('migration 0016 shortens stored long slugs, numbering the ones that would clash', async () => {
    const { ws } = await adminContext(app, db, ARTICLES);
    const migration = listMigrations().find((m) => m.name.startsWith('0016_'));
    expect(migration).toBeDefined();
    const long = `${'c'.repeat(95)}-${'d'.repeat(40)}`;
    const rolledBack = new Error('rolled back');
    const slugs = await db.raw
      .transaction(async (tx) => {
        await tx.query('ALTER TABLE knowledge_articles DROP CONSTRAINT knowledge_articles_slug_length');
        for (const slug of [long, `${long}x`, 'short-one'])
          await tx.query(
            `INSERT INTO knowledge_articles (workspace_id, title, slug, language, content, status)
             VALUES ($1, 't', $2, 'en', 'x', 'draft')`,
            [ws.id, slug],
          );
        await tx.query(
          readFileSync(new URL(`../../db/migrations/${migration?.name}.sql`, import.meta.url), 'utf8'),
        );
        const rows = await tx.query<{ slug: string }>(
          'SELECT slug FROM knowledge_articles WHERE workspace_id = $1 ORDER BY id',
          [ws.id],
        );
        throw Object.assign(rolledBack, { slugs: rows.rows.map((r) => r.slug) });
      })
      .catch((err: unknown) => {
        if (err !== rolledBack) throw err;
        return (err as Error & { slugs: string[] }).slugs;
      });
    expect(slugs).toEqual([`${'c'.repeat(95)}-dddd`, `${'c'.repeat(95)}-dd-2`, 'short-one']);
    const stored = await asSystem(db, (tx) =>
      tx.selectFrom('knowledge_articles').select('slug').where('workspace_id', '=', ws.id).execute(),
    );
    expect(stored).toEqual([]);
  });
});
