/** A category of the help centre: its sections and, page by page, its articles. */
import type { Tx } from '../../../db/tenant.js';
import { decodeCursor, encodeCursor } from '../../../platform/pagination.js';
import { markup } from './html.js';
import { page } from './layout.js';
import { messagesFor } from './messages.js';
import { articleList, breadcrumbs } from './parts.js';
import { categoryArticles, type SiteCategory } from './queries.js';
import { categoryTrail, childCategories, type SiteContext } from './site-context.js';

const PAGE_SIZE = 30;

/** The visible category with this slug in this language. */
export function findCategory(site: SiteContext, language: string, slug: string): SiteCategory | undefined {
  return site.categories.find((c) => c.language === language && c.slug === slug && site.visible.has(c.id));
}

/** Renders /kb/<workspace>/<language>/category/<slug>; `after` is the opaque cursor of the next page. */
export async function renderCategoryPage(
  tx: Tx,
  site: SiteContext,
  category: SiteCategory,
  after: string | undefined,
): Promise<string> {
  const language = category.language;
  const t = messagesFor(language);
  const cursor = decodeCursor(after);
  const rows = await categoryArticles(
    tx,
    site.workspace.id,
    category.id,
    cursor ? { title: String(cursor.v), id: cursor.id } : null,
    PAGE_SIZE + 1,
  );
  const articles = rows.slice(0, PAGE_SIZE);
  const last = articles[articles.length - 1];
  const next = rows.length > PAGE_SIZE && last ? encodeCursor({ v: last.title, id: last.id }) : null;
  const sections = childCategories(site, language, category.id);
  const trail = categoryTrail(site, category.parent_id);
  const self = site.paths.category(language, category.slug);

  const section = (c: SiteCategory) =>
    markup`<li><a href="${site.paths.category(language, c.slug)}">${c.name}</a>${
      c.description ? markup`<p>${c.description}</p>` : ''
    }</li>`;
  const body = markup`${breadcrumbs(site, language, trail, t.home)}
<h1>${category.name}</h1>
${category.description ? markup`<p class="muted">${category.description}</p>` : ''}
${sections.length > 0 ? markup`<h2>${t.subcategories}</h2><ul class="cards">${sections.map(section)}</ul>` : ''}
${articles.length > 0 ? markup`<h2>${t.articlesIn(category.name)}</h2>${articleList(site, articles)}` : ''}
${articles.length === 0 && sections.length === 0 ? markup`<p class="muted">${t.noArticles}</p>` : ''}
${next ? markup`<p><a rel="next" href="${self}?after=${next}">${t.morePages}</a></p>` : ''}`;

  // Categories are translated under the same slug (as the demo does): those are the alternates.
  const alternates = site.categories
    .filter((c) => c.slug === category.slug && site.visible.has(c.id))
    .map((c) => ({ language: c.language, href: site.origin + site.paths.category(c.language, c.slug) }));
  return page({
    language,
    workspaceName: site.workspace.name,
    paths: site.paths,
    origin: site.origin,
    title: category.name,
    description: category.description || t.articlesIn(category.name),
    // Later pages are not duplicates of the first: each is its own canonical URL.
    canonicalPath: after ? `${self}?after=${encodeURIComponent(after)}` : self,
    alternates: after ? [] : alternates,
    languages: site.languages,
    body,
  });
}
