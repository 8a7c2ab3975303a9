/** Pieces several help-centre pages share. */
import type { KbCategoryRow } from '../category-repository.js';
import { markup, type Html } from './html.js';
import type { SiteContext } from './site-context.js';

export interface ArticleLink {
  slug: string;
  title: string;
  excerpt: string;
}

/** A list of article links (in `language`) with their excerpts. */
export function articleList(site: SiteContext, language: string, articles: readonly ArticleLink[]): Html {
  const item = (a: ArticleLink) =>
    markup`<li><a href="${site.paths.article(language, a.slug)}">${a.title}</a>${
      a.excerpt ? markup`<p>${a.excerpt}</p>` : ''
    }</li>`;
  return markup`<ul class="list">${articles.map(item)}</ul>`;
}

/** Help centre › category › … as links. */
export function breadcrumbs(
  site: SiteContext,
  language: string,
  trail: readonly Pick<KbCategoryRow, 'name' | 'slug'>[],
  home: string,
): Html {
  const crumb = (c: Pick<KbCategoryRow, 'name' | 'slug'>) =>
    markup` › <a href="${site.paths.category(language, c.slug)}">${c.name}</a>`;
  return markup`<nav class="crumbs" aria-label="Breadcrumb"><a href="${site.paths.home(language)}">${home}</a>${trail.map(crumb)}</nav>`;
}

/** A date as the reader's language writes it, e.g. "3 March 2025" / "3. März 2025". */
export function readableDate(date: Date, language: string): string {
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}
