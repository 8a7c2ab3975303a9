/** Meaning-level checks shared by create and update: known placeholders, existing categories. */
import type { Tx } from '../../db/tenant.js';
import { invalid } from '../../platform/errors.js';
import { findCategoryByRef } from '../tickets/index.js';
import { assertKnownPlaceholders } from './render-template.js';

export interface TemplateInput {
  name?: string;
  subject?: string;
  content?: string;
  language?: string;
  is_active?: boolean;
  /** Category ids or slugs. */
  categories?: (number | string)[];
}

/** Refuses unknown placeholders in the subject and content (400 naming them). */
export function checkPlaceholders(input: TemplateInput): void {
  if (input.subject !== undefined) assertKnownPlaceholders(input.subject, 'subject');
  if (input.content !== undefined) assertKnownPlaceholders(input.content, 'content');
}

/** Resolves category ids or slugs of this workspace to ids (400 naming the unknown ones). */
export async function resolveCategories(
  tx: Tx,
  workspaceId: number,
  refs: readonly (number | string)[],
): Promise<number[]> {
  const ids: number[] = [];
  const unknown: string[] = [];
  for (const ref of refs) {
    const category = await findCategoryByRef(tx, workspaceId, ref);
    if (category) ids.push(category.id);
    else unknown.push(String(ref));
  }
  if (unknown.length > 0) throw invalid('categories', `no such category: ${unknown.join(', ')}`);
  return [...new Set(ids)];
}
