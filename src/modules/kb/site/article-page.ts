/**
 * An article of the help centre: its sanitised HTML, the way back to its category, its translations,
 * and the "was this helpful?" form, which is a plain POST so it works without JavaScript.
 */
import type { Tx } from '../../../db/tenant.js';
import { markup, trustedHtml } from './html.js';
import { page } from './layout.js';
import { languageName, messagesFor } from './messages.js';
import { articleList, breadcrumbs, readableDate } from './parts.js';
import { categoryArticles, translationsOf, type SiteArticle } from './queries.js';
import { categoryTrail, type SiteContext } from './site-context.js';

const RELATED = 5;

export type Vote = 'yes' | 'no' | null;

/** A description for search engines: the meta description, else the excerpt, else the text's start. */
function describe(article: SiteArticle): string {
  const text = article.meta_description || article.excerpt || article.content_text || article.content;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297).replace(/\s+\S*$/, '')}…` : flat;
}

/** Renders /kb/<workspace>/<language>/<slug> with `bodyHtml`, the article's sanitised HTML. */
export async function renderArticlePage(
  tx: Tx,
  site: SiteContext,
  article: SiteArticle,
  bodyHtml: string,
  vote: Vote,
): Promise<string> {
  const language = article.language;
  const t = messagesFor(language);
  const translations = await translationsOf(
    tx,
    site.workspace.id,
    article.translation_group_id,
    site.visible,
  );
  const related =
    article.category_id === null
      ? []
      : (await categoryArticles(tx, site.workspace.id, article.category_id, null, RELATED + 1))
          .filter((a) => a.id !== article.id)
          .slice(0, RELATED);
  const trail = categoryTrail(site, article.category_id);
  const others = translations.filter((tr) => tr.language !== language);

  const form = markup`<form method="post" action="${site.paths.helpful(language, article.slug)}">
<p id="helpful-q">${t.wasHelpful}</p>
<button type="submit" name="helpful" value="yes" aria-describedby="helpful-q">${t.yes}</button>
<button type="submit" name="helpful" value="no" class="plain" aria-describedby="helpful-q">${t.no}</button>
</form>`;
  const contact = markup`<p class="muted">${t.stillNeedHelp} <a href="${site.paths.contact()}">${t.contactUs}</a></p>`;
  const feedback =
    vote === null
      ? form
      : markup`<p role="status">${vote === 'yes' ? t.thanks : t.thanksNotHelpful}</p>${vote === 'no' ? contact : ''}`;
  const translation = (o: { language: string; slug: string }, i: number) =>
    markup`${i > 0 ? ', ' : ''}<a hreflang="${o.language}" lang="${o.language}" href="${site.paths.article(o.language, o.slug)}">${languageName(o.language)}</a>`;
  const updated = markup`<time datetime="${article.updated_at.toISOString()}">${readableDate(article.updated_at, language)}</time>`;

  const body = markup`${breadcrumbs(site, language, trail, t.home)}
<article class="body">
<h1>${article.title}</h1>
<p class="meta">${t.updated} ${updated}</p>
${trustedHtml(bodyHtml)}
</article>
${others.length > 0 ? markup`<p class="meta">${t.alsoIn}: ${others.map(translation)}</p>` : ''}
<section class="feedback" id="feedback" aria-label="${t.wasHelpful}">${feedback}</section>
${related.length > 0 ? markup`<h2>${t.related}</h2>${articleList(site, related)}` : ''}`;

  return page({
    language,
    workspaceName: site.workspace.name,
    paths: site.paths,
    origin: site.origin,
    title: article.title,
    description: describe(article),
    canonicalPath: site.paths.article(language, article.slug),
    alternates: translations.map((tr) => ({
      language: tr.language,
      href: site.origin + site.paths.article(tr.language, tr.slug),
    })),
    languages: site.languages,
    body,
  });
}
