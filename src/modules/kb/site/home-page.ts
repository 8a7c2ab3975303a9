/** The help centre's front page in one language: categories, popular and new articles, search. */
import type { Tx } from '../../../db/tenant.js';
import type { PublicCategoryNode } from '../category-presenter.js';
import { listPublicArticles, listPublicCategories } from '../list-public-articles.js';
import { markup, type Html } from './html.js';
import { page } from './layout.js';
import { messagesFor } from './messages.js';
import { articleList } from './parts.js';
import type { SiteContext } from './site-context.js';

const POPULAR = 6;
const NEWEST = 5;

/** Articles in a category and its sections, so a category of sections does not look empty. */
const total = (node: PublicCategoryNode): number =>
  node.article_count + node.children.reduce((sum, child) => sum + total(child), 0);

/** Renders /kb/<workspace>/<language>/. */
export async function renderHomePage(tx: Tx, site: SiteContext, language: string): Promise<string> {
  const t = messagesFor(language);
  const workspaceId = site.workspace.id;
  const tree = await listPublicCategories(tx, { workspaceId, language });
  const popular = await listPublicArticles(tx, { workspaceId, language, sort: 'popular', limit: POPULAR });
  const newest = await listPublicArticles(tx, { workspaceId, language, sort: 'newest', limit: NEWEST });
  const top = tree.results;

  const card = (c: PublicCategoryNode) =>
    markup`<li><a href="${site.paths.category(language, c.slug)}">${c.name}</a>
<p>${c.description}</p><p class="meta">${t.articleCount(total(c))}</p></li>`;
  const categories: Html =
    top.length === 0 ? markup`` : markup`<h2>${t.categories}</h2><ul class="cards">${top.map(card)}</ul>`;
  const list = (title: string, items: typeof popular.results) =>
    items.length > 0 ? markup`<h2>${title}</h2>${articleList(site, language, items)}` : '';
  const body = markup`<h1>${t.helpCentre}</h1>
${categories}
${list(t.popular, popular.results)}
${list(t.recent, newest.results)}
${top.length === 0 && popular.results.length === 0 ? markup`<p class="muted">${t.noArticles}</p>` : ''}`;

  return page({
    language,
    workspaceName: site.workspace.name,
    branding: site.branding,
    paths: site.paths,
    origin: site.origin,
    title: t.helpCentre,
    description: `${site.workspace.name}: ${t.helpCentre}. ${top.map((c) => c.name).join(', ')}`.slice(
      0,
      300,
    ),
    canonicalPath: site.paths.home(language),
    alternates: site.languages.map((l) => ({ language: l, href: site.origin + site.paths.home(l) })),
    languages: site.languages,
    body,
  });
}
