/** SQL for the template admin. Takes the transaction explicitly; no business rules here. */
import type { Insertable, Updateable } from 'kysely';
import type { TicketTemplatesTable } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { Cursor } from '../../platform/pagination.js';

function templateQuery(tx: Tx, workspaceId: number) {
  return tx
    .selectFrom('ticket_templates as t')
    .leftJoin('users as u', 'u.id', 't.created_by_id')
    .selectAll('t')
    .select(['u.name as creator_name', 'u.email as creator_email'])
    .where('t.workspace_id', '=', workspaceId);
}

export type TemplateRow = Awaited<ReturnType<ReturnType<typeof templateQuery>['executeTakeFirstOrThrow']>>;
export interface TemplateCategoryRow {
  template_id: number;
  id: number;
  name: string;
  slug: string;
}

export async function findTemplateRow(
  tx: Tx,
  workspaceId: number,
  id: number,
): Promise<TemplateRow | undefined> {
  return templateQuery(tx, workspaceId).where('t.id', '=', id).executeTakeFirst();
}

/** A page of templates (active or not) in (name, id) order, fetching limit + 1 rows. */
export async function listTemplateRows(
  tx: Tx,
  workspaceId: number,
  options: { language?: string; limit: number; cursor: Cursor | null },
): Promise<TemplateRow[]> {
  let q = templateQuery(tx, workspaceId);
  if (options.language) q = q.where('t.language', '=', options.language);
  const cursor = options.cursor;
  if (cursor)
    q = q.where((eb) => eb(eb.refTuple('t.name', 't.id'), '>', eb.tuple(String(cursor.v), cursor.id)));
  return q
    .orderBy('t.name')
    .orderBy('t.id')
    .limit(options.limit + 1)
    .execute();
}

/** The categories linked to the given templates, by name. */
export async function categoriesOf(
  tx: Tx,
  workspaceId: number,
  templateIds: number[],
): Promise<TemplateCategoryRow[]> {
  if (templateIds.length === 0) return [];
  return tx
    .selectFrom('ticket_template_categories as tc')
    .innerJoin('ticket_categories as c', 'c.id', 'tc.category_id')
    .select(['tc.template_id', 'c.id', 'c.name', 'c.slug'])
    .where('tc.workspace_id', '=', workspaceId)
    .where('tc.template_id', 'in', templateIds)
    .orderBy('c.name')
    .orderBy('c.id')
    .execute();
}

export async function insertTemplate(tx: Tx, values: Insertable<TicketTemplatesTable>): Promise<number> {
  const row = await tx
    .insertInto('ticket_templates')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTemplateRow(
  tx: Tx,
  workspaceId: number,
  id: number,
  values: Updateable<TicketTemplatesTable>,
): Promise<void> {
  await tx
    .updateTable('ticket_templates')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Replaces the template's category links. */
export async function setTemplateCategories(
  tx: Tx,
  workspaceId: number,
  templateId: number,
  categoryIds: number[],
): Promise<void> {
  await tx
    .deleteFrom('ticket_template_categories')
    .where('workspace_id', '=', workspaceId)
    .where('template_id', '=', templateId)
    .execute();
  if (categoryIds.length === 0) return;
  await tx
    .insertInto('ticket_template_categories')
    .values(
      categoryIds.map((category_id) => ({ workspace_id: workspaceId, template_id: templateId, category_id })),
    )
    .execute();
}

export async function templateExists(tx: Tx, workspaceId: number, id: number): Promise<boolean> {
  const row = await tx
    .selectFrom('ticket_templates')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteTemplateRow(tx: Tx, workspaceId: number, id: number): Promise<boolean> {
  const res = await tx
    .deleteFrom('ticket_templates')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return res.numDeletedRows > 0n;
}
