import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../db/schema.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { asBearer, testApp } from '../../test/app.js';
import {
  buildAdmin,
  buildCustomer,
  buildTicket,
  buildToken,
  buildUser,
  buildWorkspace,
  customerSession,
} from '../../test/factories.js';
import { insertArticles } from './kb-test-data.js';
import { searchArticles } from './search-articles.js';

const { app, db } = await testApp();

const search = (ws: Workspace, query: string) =>
  inWorkspace(db, ws.id, (tx) => searchArticles(tx, { workspaceId: ws.id, query, recordMiss: false }));

async function stats(ws: Workspace, lexemes: string[]) {
  return asSystem(db, async (tx) => {
    const terms = await tx
      .selectFrom('kb_term_stats')
      .select(['lexeme', 'doc_count'])
      .where('workspace_id', '=', ws.id)
      .where('lexeme', 'in', lexemes)
      .execute();
    const corpus = await tx
      .selectFrom('kb_corpus_stats')
      .select(['doc_count'])
      .where('workspace_id', '=', ws.id)
      .where('language', '=', 'en')
      .executeTakeFirst();
    return {
      df: Object.fromEntries(terms.map((t) => [t.lexeme, t.doc_count])),
      docs: corpus?.doc_count ?? 0,
    };
  });
}

describe('BM25 ranking', () => {
  it('keeps document frequencies in step as articles are written, published, edited and deleted', async () => {
    const ws = await buildWorkspace(db);
    const [a, b] = await insertArticles(db, ws, [
      { title: 'Kettle descaling', content: 'Descale the kettle monthly.' },
      { title: 'Kettle warranty', content: 'Two years.', status: 'draft' },
    ]);
    expect(await stats(ws, ['kettl', 'descal', 'warranti'])).toEqual({
      df: { kettl: 1, descal: 1 },
      docs: 1,
    });
    await asSystem(db, (tx) =>
      tx.updateTable('knowledge_articles').set({ status: 'published' }).where('id', '=', b!.id).execute(),
    );
    expect(await stats(ws, ['kettl', 'descal', 'warranti'])).toEqual({
      df: { kettl: 2, descal: 1, warranti: 1 },
      docs: 2,
    });
    // An edit of the text moves the counts; a view counter update leaves them alone.
    await asSystem(db, async (tx) => {
      await tx
        .updateTable('knowledge_articles')
        .set({ title: 'Toaster descaling', content: 'Descale the toaster.', content_text: '' })
        .where('id', '=', a!.id)
        .execute();
      await tx.updateTable('knowledge_articles').set({ view_count: 9 }).where('id', '=', b!.id).execute();
    });
    expect(await stats(ws, ['kettl', 'descal', 'toaster'])).toEqual({
      df: { kettl: 1, descal: 1, toaster: 1 },
      docs: 2,
    });
    await asSystem(db, (tx) => tx.deleteFrom('knowledge_articles').where('id', '=', a!.id).execute());
    expect(await stats(ws, ['kettl', 'descal', 'toaster'])).toEqual({ df: { kettl: 1 }, docs: 1 });
    // Another workspace's statistics are not visible under row-level security.
    const other = await buildWorkspace(db);
    const seen = await inWorkspace(db, other.id, (tx) =>
      tx.selectFrom('kb_term_stats').select('lexeme').where('workspace_id', '=', ws.id).execute(),
    );
    expect(seen).toEqual([]);
  });

  it('weighs the rare word that identifies the answer above words every article has', async () => {
    const ws = await buildWorkspace(db);
    const rows = await insertArticles(db, ws, [
      // "order" is everywhere and repeated here; "invoice" is in one article only, once.
      { title: 'Order status', content: 'Your order, order history and order changes. Order help.' },
      { title: 'Order cancellation', content: 'Cancel an order before it ships. Order questions.' },
      { title: 'Order delivery', content: 'When your order ships, order tracking starts.' },
      { title: 'Documents', content: 'Every order has an invoice in your account.' },
    ]);
    const res = await search(ws, 'order invoice');
    expect(res.hits[0]!.id).toBe(rows[3]!.id);
    // Ranks are in 0..1, best first.
    const ranks = res.hits.map((h) => h.rank);
    expect(ranks).toEqual([...ranks].sort((x, y) => y - x));
    expect(ranks.every((r) => r > 0 && r < 1)).toBe(true);
  });

  it('scores every hit by the BM25 formula over the workspace statistics', async () => {
    const ws = await buildWorkspace(db);
    await insertArticles(db, ws, [
      { title: 'Order status', content: 'Your order, order history and order changes. Order help.' },
      { title: 'Order cancellation', content: 'Cancel an order before it ships.', tags: 'orders,cancel' },
      { title: 'Refunds', content: 'A refund for an order reaches your card in five days. Refund help.' },
      { title: 'Documents', content: 'Every order has an invoice in your account.' },
      { title: 'Shipping', content: 'Parcels ship in two days.' },
    ]);
    const res = await search(ws, 'refund invoice cancel shipping');
    expect(res.hits.length).toBe(4);
    // The formula of migration 0027 (weights of 0042), computed here from the same statistics.
    const reference = await inWorkspace(db, ws.id, (tx) =>
      sql<{ id: number; rank: number }>`
        SELECT a.id::int AS id, score.s / (score.s + 10) AS rank
        FROM knowledge_articles a,
          kb_bm25_query(${ws.id}, 'en', kb_tsquery_any('en', 'refund invoice cancel shipping', NULL, '')) AS q,
          LATERAL (
            SELECT coalesce(sum(t.idf * x.tf * 2.2
                     / (x.tf + 1.2 * (0.25 + 0.75 * length(a.search_vector) / q.avgdl))), 0) AS s
            FROM unnest(q.terms, q.idfs) AS t(term, idf),
              LATERAL (SELECT 4 * ts_rank_cd('{0.0625, 0.375, 0.5, 1.0}', a.search_vector, t.term, 0)::float8 AS tf) AS x
            WHERE x.tf > 0) AS score
        WHERE a.workspace_id = ${ws.id} AND score.s > 0
        ORDER BY rank DESC, a.id`.execute(tx),
    );
    expect(reference.rows).toHaveLength(4);
    expect(res.hits.map((h) => h.id)).toEqual(reference.rows.map((r) => r.id));
    res.hits.forEach((h, i) => expect(h.rank).toBeCloseTo(reference.rows[i]!.rank, 9));
  });

  it('keeps question words and negations, and finds codes however they are written', async () => {
    const ws = await buildWorkspace(db);
    const rows = await insertArticles(db, ws, [
      { title: 'The lamp does not switch off', content: 'Hold the button for five seconds.' },
      { title: 'The lamp does not switch on', content: 'Check the fuse.' },
      { title: 'COVID-19 and deliveries', content: 'Couriers leave parcels at the door.' },
    ]);
    expect((await search(ws, 'lamp not switching off')).hits[0]!.id).toBe(rows[0]!.id);
    expect((await search(ws, 'lamp not switching on')).hits[0]!.id).toBe(rows[1]!.id);
    for (const q of ['covid 19 delivery', 'covid19 delivery', 'Covid-19 delivery']) {
      expect((await search(ws, q)).hits[0]?.id, q).toBe(rows[2]!.id);
    }
  });

  it('still forgives typos and unfinished words', async () => {
    const ws = await buildWorkspace(db);
    const rows = await insertArticles(db, ws, [
      { title: 'Returning an item', content: 'Print the return label.' },
      { title: 'Payment methods', content: 'Cards and PayPal.' },
    ]);
    const typo = await search(ws, 'retrning an item');
    expect(typo.hits[0]!.id).toBe(rows[0]!.id);
    const prefix = await search(ws, 'paym');
    expect(prefix.hits[0]!.id).toBe(rows[1]!.id);
    const stats = await sql<{ n: number }>`SELECT count(*)::int AS n FROM kb_term_stats`.execute(db.kysely);
    expect(stats.rows[0]!.n).toBeGreaterThan(0);
  });
});

describe('related articles on a ticket', () => {
  it('answers staff with the best articles for the subject and first message, with their help-centre URL', async () => {
    const ws = await buildWorkspace(db);
    const admin = await buildAdmin(db, ws);
    const agent = await buildUser(db, ws);
    const agentToken = await buildToken(db, ws, agent.id);
    const rows = await insertArticles(db, ws, [
      { title: 'How do I return an item?', content: 'Print the prepaid return label.' },
      { title: 'When will I get my refund?', content: 'Refunds reach your card in five days.' },
      { title: 'Tracking your parcel', content: 'The tracking number is in the e-mail.' },
      { title: 'Internal draft about refunds', content: 'refund refund', status: 'draft' },
    ]);
    const customer = await buildCustomer(db, ws);
    const ticket = await buildTicket(db, ws, {
      customerId: customer.id,
      subject: 'Refund still missing',
      description: 'I sent the parcel back two weeks ago and got no refund on my card yet.',
    });
    const url = `/api/support/tickets/${ticket.ticket_number}/related-articles/`;
    const res = await app.inject(asBearer(agentToken, { method: 'GET', url }));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ results: { id: number; url: string; title: string }[] }>();
    expect(body.results.length).toBeLessThanOrEqual(3);
    expect(body.results[0]!.id).toBe(rows[1]!.id);
    expect(body.results[0]!.url).toBe(`/kb/${ws.slug}/en/${rows[1]!.slug}`);
    // Drafts are never offered as links for a customer.
    expect(body.results.map((r) => r.id)).not.toContain(rows[3]!.id);
    const byId = await app.inject(
      asBearer(admin.token, {
        method: 'GET',
        url: `/api/support/tickets/${ticket.id}/related-articles/?limit=1`,
      }),
    );
    expect(byId.json<{ results: unknown[] }>().results).toHaveLength(1);

    // Another workspace's ticket is not found; bad input is a 400; customers are refused.
    const other = await buildWorkspace(db);
    const otherAdmin = await buildAdmin(db, other);
    const foreign = await app.inject(asBearer(otherAdmin.token, { method: 'GET', url }));
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    const bad = await app.inject(asBearer(admin.token, { method: 'GET', url: `${url}?limit=99` }));
    expect(bad.statusCode).toBe(400);
    const session = await customerSession(db, ws, customer.id);
    const asCustomer = await app.inject({
      method: 'GET',
      url,
      headers: { ...session, 'x-workspace': ws.slug },
    });
    expect(asCustomer.statusCode).toBe(403);
    const anonymous = await app.inject({ method: 'GET', url, headers: { 'x-workspace': ws.slug } });
    expect(anonymous.statusCode).toBe(401);
  });
});
