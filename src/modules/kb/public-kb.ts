/**
 * What every public read needs first: the workspace's default language, the languages it has published
 * articles in, and which categories the public sees.
 */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import * as categories from './category-repository.js';
import { visibleCategoryIds } from './category-tree.js';
import { chooseLanguage, type LanguageChoice } from './language.js';
import * as repo from './repository.js';

export interface PublicKb {
  workspaceId: number;
  defaultLanguage: string;
  available: string[];
  categories: categories.KbCategoryRow[];
  visible: Set<number>;
}

export async function loadPublicKb(tx: Tx, workspaceId: number): Promise<PublicKb> {
  const [{ defaultLanguage, available }, all] = await Promise.all([
    repo.languagesOf(tx, workspaceId),
    categories.allCategories(tx, workspaceId),
  ]);
  return { workspaceId, defaultLanguage, available, categories: all, visible: visibleCategoryIds(all) };
}

export interface LanguageRequest {
  /** ?language= */
  language?: string | undefined;
  /** The Accept-Language header. */
  acceptLanguage?: string | undefined;
}

export function languageFor(kb: PublicKb, request: LanguageRequest): LanguageChoice {
  return chooseLanguage({
    available: kb.available,
    defaultLanguage: kb.defaultLanguage,
    requested: request.language,
    acceptLanguage: request.acceptLanguage,
  });
}

/** Whether the public may see an article: published, and uncategorised or in a visible category. */
export function isVisible(kb: PublicKb, a: { status: string; category_id: number | null }): boolean {
  return a.status === 'published' && (a.category_id === null || kb.visible.has(a.category_id));
}

/** A visible category by id or (in the language) slug; 404 otherwise. */
export function visibleCategory(kb: PublicKb, ref: string | number, language: string) {
  const found =
    typeof ref === 'number' || /^\d+$/.test(ref)
      ? kb.categories.find((c) => c.id === Number(ref))
      : (kb.categories.find((c) => c.slug === ref && c.language === language) ??
        kb.categories.find((c) => c.slug === ref));
  if (!found || !kb.visible.has(found.id)) throw notFound('category');
  return found;
}
