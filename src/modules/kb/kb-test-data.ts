/** Test data for the knowledge-base tests: categories and articles inserted directly. */
import type { Database } from '../../db/client.js';
import type { NewKnowledgeArticle, Workspace } from '../../db/schema.js';
import { asSystem } from '../../db/tenant.js';
import { renderMarkdown } from './render-markdown.js';

export type ArticleSeed = Partial<NewKnowledgeArticle> & { title: string; content?: string };

/** Inserts articles (published in English unless told otherwise), rendered as the app renders them. */
export async function insertArticles(db: Database, ws: Workspace, rows: ArticleSeed[]) {
  return asSystem(db, (tx) =>
    tx
      .insertInto('knowledge_articles')
      .values(
        rows.map((r, i) => {
          const content = r.content ?? `About ${r.title}.`;
          const rendered = renderMarkdown(content);
          return {
            workspace_id: ws.id,
            slug: `a-${i}-${r.title.toLowerCase().replace(/[^a-z]+/g, '-')}`.replace(/-+$/, ''),
            language: 'en',
            status: 'published' as const,
            published_at: new Date(Date.now() - (rows.length - i) * 1000),
            content_html: rendered.html,
            content_text: rendered.text,
            ...r,
            content,
          };
        }),
      )
      .returning(['id', 'slug', 'language', 'translation_group_id'])
      .execute(),
  );
}

export async function insertCategory(
  db: Database,
  ws: Workspace,
  values: { slug: string; language?: string; is_active?: boolean; parent_id?: number; name?: string },
) {
  return asSystem(db, (tx) =>
    tx
      .insertInto('knowledge_categories')
      .values({ workspace_id: ws.id, name: values.name ?? values.slug, language: 'en', ...values })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
}
