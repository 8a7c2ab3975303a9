/** Creates a response template, created_by the calling staff member; unknown placeholders → 400. */
import type { Tx } from '../../db/tenant.js';
import { invalid } from '../../platform/errors.js';
import { checkPlaceholders, resolveCategories, type TemplateInput } from './template-input.js';
import * as repo from './template-repository.js';

/** Creates the template with its category links and returns its id. */
export async function createTemplate(
  ctx: { tx: Tx; workspaceId: number; userId: number },
  input: TemplateInput & { name: string; content: string; language: string },
): Promise<number> {
  const { tx, workspaceId } = ctx;
  const name = input.name.trim();
  if (!name) throw invalid('name', 'must not be blank');
  checkPlaceholders(input);
  const categoryIds = await resolveCategories(tx, workspaceId, input.categories ?? []);
  const id = await repo.insertTemplate(tx, {
    workspace_id: workspaceId,
    name,
    content: input.content,
    language: input.language.toLowerCase(),
    created_by_id: ctx.userId,
    ...(input.subject !== undefined ? { subject: input.subject } : {}),
    ...(input.is_active !== undefined ? { is_active: input.is_active } : {}),
  });
  await repo.setTemplateCategories(tx, workspaceId, id, categoryIds);
  return id;
}
