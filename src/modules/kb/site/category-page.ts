/** A category of the help centre: its sections and, page by page, its articles (sections' included). */
import type { Tx } from '../../../db/tenant.js';
import type { KbCategoryRow } from '../category-repository.js';
import { listPublicArticles } from '../list-public-articles.js';
import { markup } from './html.js';
import { page } from './layout.js';
import { messagesFor } from './messages.js';
import { articleList, breadcrumbs } from './parts.js';
import { ancestorsOf, childCategories, type SiteContext } from './site-context.js';

const PAGE_SIZE = 30;

/** Renders /kb/<workspace>/<language>/category/<slug>; `after` is the cursor of the next page. */
export async function renderCategoryPage(
  tx: Tx,
  site: SiteContext,
  category: KbCategoryRow,
  after: string | undefined,
): Promise<string> {
  const language = category.language;
  const t = messagesFor(language);
  const articles = await listPublicArticles(tx, {
    workspaceId: site.workspace.id,
    language,
    category: String(category.id),
    sort: 'newest',
    limit: PAGE_SIZE,
    cursor: after,
  });
  const sections = childCategories(site, language, category.id);
  const self = site.paths.category(language, category.slug);
  const section = (c: KbCategoryRow) =>
    markup`<li><a href="${site.paths.category(language, c.slug)}">${c.name}</a>${
      c.description ? markup`<p>${c.description}</p>` : ''
    }</li>`;
  const next = articles.next_cursor;
  const body = markup`${breadcrumbs(site, language, ancestorsOf(site, category), t.home)}
<h1>${category.name}</h1>
${category.description ? markup`<p class="muted">${category.description}</p>` : ''}
${sections.length > 0 ? markup`<h2>${t.subcategories}</h2><ul class="cards">${sections.map(section)}</ul>` : ''}
${articles.results.length > 0 ? markup`<h2>${t.articlesIn(category.name)}</h2>${articleList(site, language, articles.results)}` : ''}
${articles.results.length === 0 && sections.length === 0 ? markup`<p class="muted">${t.noArticles}</p>` : ''}
${next ? markup`<p><a rel="next" href="${self}?after=${next}">${t.morePages}</a></p>` : ''}`;

  // Categories are translated under the same slug (as the demo does): those are the alternates.
  const alternates = site.kb.categories
    .filter((c) => c.slug === category.slug && site.kb.visible.has(c.id))
    .map((c) => ({ language: c.language, href: site.origin + site.paths.category(c.language, c.slug) }));
  return page({
    language,
    workspaceName: site.workspace.name,
    branding: site.branding,
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
