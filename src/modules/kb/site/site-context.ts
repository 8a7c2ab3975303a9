/**
 * What every help-centre page of one workspace needs: the workspace, the languages it is published in,
 * and its categories with the public's view of them (the knowledge base's own rules, loadPublicKb).
 */
import type { Tx } from '../../../db/tenant.js';
import type { WorkspaceRef } from '../../../platform/auth/principal.js';
import type { KbCategoryRow } from '../category-repository.js';
import { pathTo } from '../category-tree.js';
import { acceptedLanguages, matchLanguage } from '../language.js';
import { loadPublicKb, type PublicKb } from '../public-kb.js';
import { readBranding, type Branding } from '../../workspaces/index.js';
import { sitePaths, type SitePaths } from './paths.js';

export interface SiteContext {
  workspace: WorkspaceRef;
  kb: PublicKb;
  /** Languages with published articles, and the workspace's default language. */
  languages: string[];
  paths: SitePaths;
  /** Absolute origin of the public URL, for canonical, alternate and sitemap links. */
  origin: string;
  /** The workspace's accent colour and logo (admin console → workspace settings). */
  branding: Branding;
}

/** Loads the site of `workspace` in the caller's transaction. */
export async function loadSiteContext(tx: Tx, workspace: WorkspaceRef, origin: string): Promise<SiteContext> {
  const kb = await loadPublicKb(tx, workspace.id);
  const branding = await readBranding(tx, workspace.id);
  const languages = [...new Set([...kb.available, kb.defaultLanguage])].sort();
  return { workspace, kb, languages, paths: sitePaths(workspace.slug), origin, branding };
}

/** The visible categories of a language under `parentId` (null: the top level), in order. */
export function childCategories(
  site: SiteContext,
  language: string,
  parentId: number | null,
): KbCategoryRow[] {
  return site.kb.categories.filter(
    (c) => c.language === language && c.parent_id === parentId && site.kb.visible.has(c.id),
  );
}

/** The visible category with this slug in this language. */
export function findCategory(site: SiteContext, language: string, slug: string): KbCategoryRow | undefined {
  return site.kb.categories.find(
    (c) => c.language === language && c.slug === slug && site.kb.visible.has(c.id),
  );
}

/** The categories above `categoryId`, top level first (for breadcrumbs). */
export function ancestorsOf(site: SiteContext, category: KbCategoryRow): KbCategoryRow[] {
  return category.parent_id === null ? [] : pathTo(site.kb.categories, category.parent_id);
}

/** The language for a visitor without one in the URL: the best of Accept-Language, else the default. */
export function negotiateLanguage(site: SiteContext, acceptLanguage: string | undefined): string {
  for (const wanted of acceptedLanguages(acceptLanguage)) {
    const match = matchLanguage(wanted, site.languages);
    if (match) return match;
  }
  return site.kb.defaultLanguage;
}
