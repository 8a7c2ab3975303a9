/**
 * Updates a response template (PATCH: omitted = unchanged; `categories` replaces the list). Unknown
 * placeholders are refused with 400; updated_at is set on every update.
 */
import type { Updateable } from 'kysely';
import type { TicketTemplatesTable } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { invalid, notFound } from '../../platform/errors.js';
import { checkPlaceholders, resolveCategories, type TemplateInput } from './template-input.js';
import * as repo from './template-repository.js';

/** Applies the changes (404 for unknown or another workspace's templates). */
export async function updateTemplate(
  ctx: { tx: Tx; workspaceId: number; now: Date },
  id: number,
  input: TemplateInput,
): Promise<void> {
  const { tx, workspaceId } = ctx;
  if (!(await repo.templateExists(tx, workspaceId, id))) throw notFound('template');
  checkPlaceholders(input);
  const values: Updateable<TicketTemplatesTable> = { updated_at: ctx.now };
  if (input.name !== undefined) {
    values.name = input.name.trim();
    if (!values.name) throw invalid('name', 'must not be blank');
  }
  if (input.subject !== undefined) values.subject = input.subject;
  if (input.content !== undefined) values.content = input.content;
  if (input.language !== undefined) values.language = input.language.toLowerCase();
  if (input.is_active !== undefined) values.is_active = input.is_active;
  if (input.categories !== undefined) {
    const categoryIds = await resolveCategories(tx, workspaceId, input.categories);
    await repo.setTemplateCategories(tx, workspaceId, id, categoryIds);
  }
  await repo.updateTemplateRow(tx, workspaceId, id, values);
}
