/** The help centre's front page in one language: categories, popular and recent articles, search. */
import type { Tx } from '../../../db/tenant.js';
import { markup, type Html } from './html.js';
import { page } from './layout.js';
import { messagesFor } from './messages.js';
import { articleList } from './parts.js';
import { articleCounts, popularArticles, recentArticles, type SiteCategory } from './queries.js';
import { childCategories, type SiteContext } from './site-context.js';

const POPULAR = 6;
const RECENT = 5;

/** Renders /kb/<workspace>/<language>/. */
export async function renderHomePage(tx: Tx, site: SiteContext, language: string): Promise<string> {
  const t = messagesFor(language);
  const ws = site.workspace.id;
  const [popular, recent, counts] = [
    await popularArticles(tx, ws, language, site.visible, POPULAR),
    await recentArticles(tx, ws, language, site.visible, RECENT),
    await articleCounts(tx, ws, language, site.visible),
  ];
  const top = childCategories(site, language, null);
  // A category's count includes its sections', so a category of sections does not look empty.
  const total = (id: number): number =>
    (counts.get(id) ?? 0) +
    childCategories(site, language, id).reduce((sum, child) => sum + total(child.id), 0);

  const card = (c: SiteCategory) =>
    markup`<li><a href="${site.paths.category(language, c.slug)}">${c.name}</a>
<p>${c.description}</p><p class="meta">${t.articleCount(total(c.id))}</p></li>`;
  const categories: Html =
    top.length === 0 ? markup`` : markup`<h2>${t.categories}</h2><ul class="cards">${top.map(card)}</ul>`;
  const body = markup`<h1>${t.helpCentre}</h1>
${categories}
${popular.length > 0 ? markup`<h2>${t.popular}</h2>${articleList(site, popular)}` : ''}
${recent.length > 0 ? markup`<h2>${t.recent}</h2>${articleList(site, recent)}` : ''}
${top.length === 0 && popular.length === 0 ? markup`<p class="muted">${t.noArticles}</p>` : ''}`;

  return page({
    language,
    workspaceName: site.workspace.name,
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
