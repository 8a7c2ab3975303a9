/**
 * An article of the help centre: its sanitised HTML, the way back to its category, its translations,
 * and the "was this helpful?" form, which is a plain POST so it works without JavaScript.
 */
import type { PublicArticleView } from '../presenter.js';
import { markup, trustedHtml } from './html.js';
import { page } from './layout.js';
import { languageName, messagesFor } from './messages.js';
import { articleList, breadcrumbs, readableDate } from './parts.js';
import type { SiteContext } from './site-context.js';

export type Vote = 'yes' | 'no' | null;

/** A description for search engines: the meta description (or excerpt), in at most 300 characters. */
function describe(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297).replace(/\s+\S*$/, '')}…` : flat;
}

/** Renders /kb/<workspace>/<language>/<slug>; `vote` is the answer the reader just gave, if any. */
export function renderArticlePage(site: SiteContext, article: PublicArticleView, vote: Vote): string {
  const language = article.language;
  const t = messagesFor(language);
  const updatedAt = new Date(article.updated_at);

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
  const updated = markup`<time datetime="${article.updated_at}">${readableDate(updatedAt, language)}</time>`;
  const others = article.translations;

  const body = markup`${breadcrumbs(site, language, article.breadcrumbs, t.home)}
<article class="body">
<h1>${article.title}</h1>
<p class="meta">${t.updated} ${updated}</p>
${trustedHtml(article.content_html)}
</article>
${others.length > 0 ? markup`<p class="meta">${t.alsoIn}: ${others.map(translation)}</p>` : ''}
<section class="feedback" id="feedback" aria-label="${t.wasHelpful}">${feedback}</section>
${article.related.length > 0 ? markup`<h2>${t.related}</h2>${articleList(site, language, article.related)}` : ''}`;

  const self = { language, slug: article.slug };
  return page({
    language,
    workspaceName: site.workspace.name,
    branding: site.branding,
    paths: site.paths,
    origin: site.origin,
    title: article.title,
    description: describe(article.meta_description || article.title),
    canonicalPath: site.paths.article(language, article.slug),
    alternates: [self, ...others]
      .sort((a, b) => a.language.localeCompare(b.language))
      .map((tr) => ({ language: tr.language, href: site.origin + site.paths.article(tr.language, tr.slug) })),
    languages: site.languages,
    body,
  });
}
