import { sql, type RawBuilder, type Updateable } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { KnowledgeArticlesTable, Workspace } from '../../db/schema.js';
import { asSystem, inWorkspace, type Tx } from '../../db/tenant.js';
import { testApp } from '../../test/app.js';
import { buildWorkspace } from '../../test/factories.js';
import { renderMarkdown } from './render-markdown.js';

const { db } = await testApp();

interface Count {
  language: string;
  key: string;
  n: string;
}

/** The kept statistics and vocabulary next to the same figures counted from scratch. */
async function statistics(ws: Workspace) {
  return asSystem(db, async (tx) => {
    const published = sql`a.workspace_id = ${ws.id} AND a.status = 'published'`;
    const counts = async (query: RawBuilder<Count>) => (await query.execute(tx)).rows;
    return {
      terms: await counts(sql<Count>`
        SELECT language, lexeme AS key, doc_count::text AS n FROM kb_term_stats
        WHERE workspace_id = ${ws.id} ORDER BY language, lexeme`),
      termsCounted: await counts(sql<Count>`
        SELECT a.language, l AS key, count(*)::text AS n
        FROM knowledge_articles a, unnest(tsvector_to_array(a.search_vector)) AS l
        WHERE ${published} GROUP BY 1, 2 ORDER BY a.language, l COLLATE "C"`),
      words: await counts(sql<Count>`
        SELECT language, word AS key, doc_count::text AS n FROM kb_search_words
        WHERE workspace_id = ${ws.id} ORDER BY language, word COLLATE "C"`),
      wordsCounted: await counts(sql<Count>`
        SELECT a.language, w AS key, count(*)::text AS n
        FROM knowledge_articles a,
          unnest(kb_article_words(a.title, a.tags, a.excerpt, kb_body_text(a.content_text, a.content))) AS w
        WHERE ${published} GROUP BY 1, 2 ORDER BY a.language, w COLLATE "C"`),
      // A language whose articles were all taken off keeps its row, at zero.
      corpus: await counts(sql<Count>`
        SELECT language, total_length::text AS key, doc_count::text AS n FROM kb_corpus_stats
        WHERE workspace_id = ${ws.id} AND (doc_count, total_length) <> (0, 0) ORDER BY 1`),
      corpusCounted: await counts(sql<Count>`
        SELECT a.language, sum(length(a.search_vector))::text AS key, count(*)::text AS n
        FROM knowledge_articles a WHERE ${published} GROUP BY 1 ORDER BY 1`),
    };
  });
}

// Per language, two texts sharing their most common words ("order", "delivery", "refund"). An edit
// from one to the other lowers the counts of some words and raises others; creating, publishing,
// archiving and deleting articles raise or lower all of them, and the language's corpus row.
const TEXTS = {
  en: [
    'Order delivery refund: the parcel arrived damaged, the courier left it outside.',
    'Refund of the order: payment and invoice, delivery tracking is late.',
  ],
  de: [
    'Bestellung Lieferung Erstattung: das Paket kam beschädigt an, der Kurier ließ es draußen.',
    'Erstattung der Bestellung: Zahlung und Rechnung, die Lieferung ist verspätet.',
  ],
  fr: [
    'Commande livraison remboursement : le colis est arrivé endommagé, le transporteur l’a laissé dehors.',
    'Remboursement de la commande : paiement et facture, la livraison est en retard.',
  ],
} as const;
const LANGUAGES = ['en', 'de', 'fr'] as const;
// As many as the test database's pool has connections.
const WRITERS = [0, 1, 2, 3];

type Language = (typeof LANGUAGES)[number];

// Each write is one statement in its own transaction, as the authoring API's are (createArticle,
// updateArticle, deleteArticle: one row written, after reads that take no shared locks), so that the
// writers' triggers overlap as often as possible.
describe('knowledge-base term statistics under concurrent writers', () => {
  it('writers creating, editing, publishing and deleting articles with the same words neither deadlock nor lose counts', async () => {
    const ws = await buildWorkspace(db);
    const failures: unknown[] = [];
    const write = (fn: (tx: Tx) => Promise<unknown>) =>
      inWorkspace(db, ws.id, fn).catch((e: unknown) => {
        failures.push(e);
      });
    const body = (text: string) => {
      const rendered = renderMarkdown(text);
      return { content: text, content_html: rendered.html, content_text: rendered.text };
    };
    let created = 0;
    const create = async (language: Language, title: string, text: string, status: 'draft' | 'published') => {
      let id: number | undefined;
      await write(async (tx) => {
        const row = await tx
          .insertInto('knowledge_articles')
          .values({
            workspace_id: ws.id,
            title,
            slug: `article-${++created}`,
            language,
            status,
            published_at: status === 'published' ? new Date() : null,
            ...body(text),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
      });
      return id;
    };
    const update = (id: number, values: Updateable<KnowledgeArticlesTable>) =>
      write((tx) => tx.updateTable('knowledge_articles').set(values).where('id', '=', id).execute());

    // Each writer's own published article per language, edited back and forth.
    const own: Record<Language, number>[] = [];
    for (const w of WRITERS) {
      const ids = {} as Record<Language, number>;
      for (const language of LANGUAGES) {
        ids[language] = (await create(language, `Help ${w}`, TEXTS[language][w % 2]!, 'published'))!;
      }
      own.push(ids);
    }
    expect(failures).toEqual([]);

    const rounds = 40;
    const published = new Set<number>(own.flatMap((ids) => Object.values(ids)));
    const writer = async (w: number) => {
      const mine: { id: number; status: 'draft' | 'published' }[] = [];
      for (let i = 0; i < rounds; i++) {
        // Opposite phases: while one writer moves its articles from the first text to the second, the
        // next one moves its articles back, so each takes the rows the other gives up.
        for (const l of LANGUAGES) {
          await update(own[w]![l], body(`${TEXTS[l][(i + w) % 2]!} ${i % 3 === 0 ? 'Warranty.' : ''}`));
        }
        const language = LANGUAGES[i % LANGUAGES.length]!;
        const text = TEXTS[language][(i + w) % 2]!;
        const status = i % 2 === 0 ? 'published' : 'draft';
        const id = await create(language, `Order ${w} ${i}`, `${text} Round ${i}.`, status);
        if (id === undefined) continue;
        mine.push({ id, status });
        if (status === 'published') published.add(id);
        // The article of the round before: a draft gets published, a published one archived; every
        // fourth round the one before that is deleted.
        const previous = mine[mine.length - 2];
        if (previous) {
          const next = previous.status === 'draft' ? 'published' : 'archived';
          await update(previous.id, { status: next });
          if (next === 'published') published.add(previous.id);
          else published.delete(previous.id);
        }
        const older = mine[mine.length - 3];
        if (older && i % 4 === 0) {
          await write((tx) => tx.deleteFrom('knowledge_articles').where('id', '=', older.id).execute());
          published.delete(older.id);
        }
      }
    };
    await Promise.all(WRITERS.map(writer));
    expect(failures.map((e) => String(e))).toEqual([]);

    const after = await statistics(ws);
    expect(after.terms).toEqual(after.termsCounted);
    expect(after.words).toEqual(after.wordsCounted);
    expect(after.corpus).toEqual(after.corpusCounted);
    // The writes happened: every language has its articles, as many as the writers published.
    expect(after.corpus.map((c) => c.language)).toEqual([...LANGUAGES].sort());
    expect(after.corpus.reduce((sum, c) => sum + Number(c.n), 0)).toBe(published.size);
  });
});
