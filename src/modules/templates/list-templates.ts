/** GET /api/support/templates/: active response templates, optionally for one category and language. */
import type { Tx } from '../../db/tenant.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';

export interface TemplateView {
  id: number;
  name: string;
  subject: string;
  content: string;
  language: string;
  usage_count: number;
  is_active: boolean;
  categories: { id: number; name: string; slug: string }[];
  created_at: Date;
  updated_at: Date;
}

export async function listTemplates(
  tx: Tx,
  workspaceId: number,
  options: { categoryId?: number; language?: string; limit: number; cursor?: string },
): Promise<Page<TemplateView>> {
  let q = tx
    .selectFrom('ticket_templates as t')
    .selectAll('t')
    .where('t.workspace_id', '=', workspaceId)
    .where('t.is_active', '=', true);
  if (options.language) q = q.where('t.language', '=', options.language);
  if (options.categoryId !== undefined) {
    const categoryId = options.categoryId;
    // A template linked to no category serves every category.
    q = q.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('ticket_template_categories as tc')
            .select('tc.template_id')
            .whereRef('tc.template_id', '=', 't.id')
            .where('tc.category_id', '=', categoryId),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('ticket_template_categories as tc')
              .select('tc.template_id')
              .whereRef('tc.template_id', '=', 't.id'),
          ),
        ),
      ]),
    );
  }
  const cursor = decodeCursor(options.cursor);
  if (cursor) q = q.where('t.id', '>', cursor.id);
  const rows = await q
    .orderBy('t.id')
    .limit(options.limit + 1)
    .execute();
  const ids = rows.map((r) => r.id);
  const links =
    ids.length === 0
      ? []
      : await tx
          .selectFrom('ticket_template_categories as tc')
          .innerJoin('ticket_categories as c', 'c.id', 'tc.category_id')
          .select(['tc.template_id', 'c.id', 'c.name', 'c.slug'])
          .where('tc.workspace_id', '=', workspaceId)
          .where('tc.template_id', 'in', ids)
          .orderBy('c.name')
          .execute();
  return pageOf(
    rows,
    options.limit,
    (r) => r.id,
    (r) => ({
      id: r.id,
      name: r.name,
      subject: r.subject,
      content: r.content,
      language: r.language,
      usage_count: r.usage_count,
      is_active: r.is_active,
      categories: links
        .filter((l) => l.template_id === r.id)
        .map(({ id, name, slug }) => ({ id, name, slug })),
      created_at: r.created_at,
      updated_at: r.updated_at,
    }),
  );
}
