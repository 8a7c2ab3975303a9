/** SQL for knowledge-base categories. Takes the transaction explicitly; no business rules here. */
import type { Insertable, Updateable } from 'kysely';
import type { KnowledgeCategoriesTable } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { Cursor } from '../../platform/pagination.js';

/** Every category of the workspace (all languages): the tree is small and read whole. */
export function allCategories(tx: Tx, workspaceId: number) {
  return tx
    .selectFrom('knowledge_categories')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('order')
    .orderBy('id')
    .execute();
}

export type KbCategoryRow = Awaited<ReturnType<typeof allCategories>>[number];

export function findCategory(tx: Tx, workspaceId: number, id: number) {
  return tx
    .selectFrom('knowledge_categories')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A category by id, or by slug within a language. */
export function findCategoryByRef(tx: Tx, workspaceId: number, ref: string | number, language?: string) {
  let q = tx.selectFrom('knowledge_categories').selectAll().where('workspace_id', '=', workspaceId);
  if (typeof ref === 'number' || /^\d+$/.test(ref)) return q.where('id', '=', Number(ref)).executeTakeFirst();
  q = q.where('slug', '=', ref);
  if (language) q = q.where('language', '=', language);
  return q.orderBy('id').executeTakeFirst();
}

/** A page in (order, id) order, fetching limit + 1 rows. */
export function listCategoryRows(
  tx: Tx,
  workspaceId: number,
  options: { language?: string; parentId?: number | null; limit: number; cursor: Cursor | null },
) {
  let q = tx.selectFrom('knowledge_categories').selectAll().where('workspace_id', '=', workspaceId);
  if (options.language) q = q.where('language', '=', options.language);
  if (options.parentId === null) q = q.where('parent_id', 'is', null);
  else if (options.parentId !== undefined) q = q.where('parent_id', '=', options.parentId);
  const cursor = options.cursor;
  if (cursor) {
    q = q.where((eb) => eb(eb.refTuple('order', 'id'), '>', eb.tuple(Number(cursor.v), cursor.id)));
  }
  return q
    .orderBy('order')
    .orderBy('id')
    .limit(options.limit + 1)
    .execute();
}

export async function categorySlugTaken(
  tx: Tx,
  workspaceId: number,
  language: string,
  slug: string,
  exceptId?: number,
): Promise<boolean> {
  let q = tx
    .selectFrom('knowledge_categories')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('language', '=', language)
    .where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertCategory(tx: Tx, values: Insertable<KnowledgeCategoriesTable>): Promise<number> {
  const row = await tx
    .insertInto('knowledge_categories')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCategoryRow(
  tx: Tx,
  workspaceId: number,
  id: number,
  values: Updateable<KnowledgeCategoriesTable>,
): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await tx
    .updateTable('knowledge_categories')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteCategoryRow(tx: Tx, workspaceId: number, id: number): Promise<void> {
  await tx
    .deleteFrom('knowledge_categories')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** How many articles (any status) sit in these categories. */
export async function countArticlesIn(tx: Tx, workspaceId: number, categoryIds: number[]): Promise<number> {
  if (categoryIds.length === 0) return 0;
  const row = await tx
    .selectFrom('knowledge_articles')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('category_id', 'in', categoryIds)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Published articles per category in one language (for the public tree). */
export async function publishedCounts(
  tx: Tx,
  workspaceId: number,
  language: string,
): Promise<Map<number, number>> {
  const rows = await tx
    .selectFrom('knowledge_articles')
    .select(['category_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('language', '=', language)
    .where('status', '=', 'published')
    .where('category_id', 'is not', null)
    .groupBy('category_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.category_id), Number(r.n)]));
}
