/**
 * What every help-centre page of one workspace and language needs: the workspace, the languages it is
 * published in, its categories with their visibility, and where its pages live.
 */
import type { WorkspaceRef } from '../../../platform/auth/principal.js';
import type { Tx } from '../../../db/tenant.js';
import { sitePaths, type SitePaths } from './paths.js';
import { siteLanguages, visibleCategoryIds, workspaceCategories, type SiteCategory } from './queries.js';

export interface SiteContext {
  workspace: WorkspaceRef;
  /** Languages with something to read (the workspace's default language is always one). */
  languages: string[];
  categories: SiteCategory[];
  /** Ids of the categories visitors may see. */
  visible: Set<number>;
  paths: SitePaths;
  /** Absolute origin of the public URL, for canonical, alternate and sitemap links. */
  origin: string;
}

/** Loads the site of `workspace` in the caller's transaction. */
export async function loadSiteContext(tx: Tx, workspace: WorkspaceRef, origin: string): Promise<SiteContext> {
  const categories = await workspaceCategories(tx, workspace.id);
  const visible = visibleCategoryIds(categories);
  const languages = await siteLanguages(tx, workspace.id, categories, visible);
  const fallback = workspace.default_language.toLowerCase();
  if (!languages.includes(fallback)) languages.push(fallback);
  languages.sort();
  return { workspace, languages, categories, visible, paths: sitePaths(workspace.slug), origin };
}

/** The visible categories of a language, children of `parentId` (null: the top level), in order. */
export function childCategories(
  site: SiteContext,
  language: string,
  parentId: number | null,
): SiteCategory[] {
  return site.categories.filter(
    (c) => c.language === language && c.parent_id === parentId && site.visible.has(c.id),
  );
}

/** The chain of categories from the top level down to `categoryId` (for breadcrumbs). */
export function categoryTrail(site: SiteContext, categoryId: number | null): SiteCategory[] {
  const byId = new Map(site.categories.map((c) => [c.id, c]));
  const trail: SiteCategory[] = [];
  let current = categoryId === null ? undefined : byId.get(categoryId);
  while (current && trail.length < 50) {
    trail.unshift(current);
    current = current.parent_id === null ? undefined : byId.get(current.parent_id);
  }
  return trail;
}

/**
 * The language to send a visitor without one in the URL: the first of their Accept-Language that the
 * site has (exact, then by base language), else the workspace's default.
 */
export function negotiateLanguage(site: SiteContext, acceptLanguage: string | undefined): string {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((w) => w.tag && w.tag !== '*' && w.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const have = site.languages.map((l) => l.toLowerCase());
  for (const w of wanted) {
    const exact = have.indexOf(w.tag);
    if (exact >= 0) return site.languages[exact] ?? w.tag;
    const base = w.tag.split('-')[0];
    const byBase = have.findIndex((l) => l.split('-')[0] === base);
    if (byBase >= 0) return site.languages[byBase] ?? w.tag;
  }
  return site.workspace.default_language.toLowerCase();
}
