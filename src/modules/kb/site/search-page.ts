/** The help centre's search results: ranked articles with highlighted snippets and "did you mean". */
import type { Tx } from '../../../db/tenant.js';
import { listPublicArticles } from '../list-public-articles.js';
import { searchArticles } from '../search-articles.js';
import { markup, markedSnippet } from './html.js';
import { page } from './layout.js';
import { messagesFor } from './messages.js';
import { articleList } from './parts.js';
import type { SiteContext } from './site-context.js';

const PAGE_SIZE = 10;

/** Renders /kb/<workspace>/<language>/search?q=…[&cursor=…]. */
export async function renderSearchPage(
  tx: Tx,
  site: SiteContext,
  language: string,
  query: string,
  cursor: string | undefined,
  options: { now: Date; recordMiss: boolean },
): Promise<string> {
  const t = messagesFor(language);
  const q = query.trim();
  let body;
  if (!q) {
    const popular = (
      await listPublicArticles(tx, { workspaceId: site.workspace.id, language, sort: 'popular', limit: 6 })
    ).results;
    body = markup`<h1>${t.searchButton}</h1>
      <p class="muted">${t.emptySearch}</p>
      ${
        popular.length > 0
          ? markup`<h2>${t.popular}</h2>
              ${articleList(site, language, popular)}`
          : ''
      }`;
  } else {
    const result = await searchArticles(tx, {
      workspaceId: site.workspace.id,
      query: q,
      language,
      limit: PAGE_SIZE,
      now: options.now,
      recordMiss: options.recordMiss && !cursor,
      ...(cursor ? { cursor } : {}),
    });
    const notice = result.corrected_query
      ? markup`<p class="notice">
          ${t.didYouMean}
          <a href="${site.paths.search(language, result.corrected_query)}">${result.corrected_query}</a>?
          ${t.correctedNotice}
        </p>`
      : result.corrected
        ? markup`<p class="notice">${t.correctedNotice}</p>`
        : '';
    const hits = markup`<ul class="list results">
      ${result.hits.map(
        (hit) =>
          markup`<li>
            <a href="${site.paths.article(hit.language, hit.slug)}">${markedSnippet(hit.title_html)}</a>
            <p>${markedSnippet(hit.snippet)}</p>
          </li>`,
      )}
    </ul>`;
    body = markup`<h1>${t.resultsFor(q)}</h1>
      ${notice}
      ${
        result.hits.length > 0
          ? hits
          : markup`<p>${t.noResults(q)}</p>
              <p>${t.stillNeedHelp} <a href="${site.paths.contact()}">${t.contactUs}</a></p>`
      }
      ${result.next_cursor ? markup`<p><a rel="next" href="${site.paths.search(language, q, result.next_cursor)}">${t.moreResults}</a></p>` : ''}`;
  }
  return page({
    language,
    workspaceName: site.workspace.name,
    branding: site.branding,
    paths: site.paths,
    origin: site.origin,
    title: q ? t.resultsFor(q) : t.searchButton,
    description: t.searchLabel,
    languages: site.languages,
    query: q,
    // Result pages are endless and change with every article: not for search engines.
    noindex: true,
    body,
  });
}
