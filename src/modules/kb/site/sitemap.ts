/**
 * /kb/<workspace>/sitemap.xml: every visible article in every language with its last change and its
 * translations as hreflang alternates, plus the language home pages and visible categories. Past the
 * protocol's 50,000 URLs per file it becomes a sitemap index of pages (?after=<article id>).
 */
import type { Tx } from '../../../db/tenant.js';
import { escapeHtml as xml } from './html.js';
import { groupMembers, sitemapArticles, sitemapPageStarts, type SitemapEntry } from './queries.js';
import type { SiteContext } from './site-context.js';

/** URLs per sitemap file (the protocol allows 50,000; the rest is room for homes and categories). */
export const SITEMAP_PAGE = 45_000;

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n';

interface Url {
  loc: string;
  lastmod?: Date;
  alternates: { language: string; href: string }[];
}

function urlEntry(u: Url): string {
  const alternates =
    u.alternates.length > 1
      ? u.alternates
          .map((a) => `<xhtml:link rel="alternate" hreflang="${xml(a.language)}" href="${xml(a.href)}"/>`)
          .join('')
      : '';
  const lastmod = u.lastmod ? `<lastmod>${u.lastmod.toISOString()}</lastmod>` : '';
  return `<url><loc>${xml(u.loc)}</loc>${lastmod}${alternates}</url>\n`;
}

async function articleUrls(tx: Tx, site: SiteContext, entries: SitemapEntry[]): Promise<Url[]> {
  const groups = [...new Set(entries.map((e) => e.translation_group_id))];
  const members = new Map<number, { language: string; href: string }[]>();
  // Chunked: a page holds tens of thousands of groups.
  for (let i = 0; i < groups.length; i += 5000) {
    for (const m of await groupMembers(tx, site.workspace.id, groups.slice(i, i + 5000), site.kb.visible)) {
      const list = members.get(m.translation_group_id) ?? [];
      list.push({ language: m.language, href: site.origin + site.paths.article(m.language, m.slug) });
      members.set(m.translation_group_id, list);
    }
  }
  return entries.map((e) => ({
    loc: site.origin + site.paths.article(e.language, e.slug),
    lastmod: e.updated_at,
    alternates: (members.get(e.translation_group_id) ?? []).sort((a, b) =>
      a.language.localeCompare(b.language),
    ),
  }));
}

function siteUrls(site: SiteContext): Url[] {
  const homes = site.languages.map((l) => ({ language: l, href: site.origin + site.paths.home(l) }));
  const urls: Url[] = homes.map((h) => ({ loc: h.href, alternates: homes }));
  const visible = site.kb.categories.filter((c) => site.kb.visible.has(c.id));
  for (const c of visible) {
    const alternates = visible
      .filter((o) => o.slug === c.slug)
      .map((o) => ({ language: o.language, href: site.origin + site.paths.category(o.language, o.slug) }));
    urls.push({ loc: site.origin + site.paths.category(c.language, c.slug), alternates });
  }
  return urls;
}

/**
 * The sitemap document: the urlset of the page starting after `after` (the whole site when it fits in
 * one), or the index of pages when `after` is absent and the site is larger than one page.
 */
export async function renderSitemap(tx: Tx, site: SiteContext, after: number | undefined): Promise<string> {
  if (after === undefined) {
    const starts = await sitemapPageStarts(tx, site.workspace.id, site.kb.visible, SITEMAP_PAGE);
    if (starts.length > 1) {
      const base = site.origin + site.paths.sitemap();
      return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
        starts.map((s) => `<sitemap><loc>${xml(`${base}?after=${s}`)}</loc></sitemap>\n`).join('') +
        '</sitemapindex>\n'
      );
    }
  }
  const entries = await sitemapArticles(tx, site.workspace.id, site.kb.visible, after ?? 0, SITEMAP_PAGE);
  const urls = [...(after ? [] : siteUrls(site)), ...(await articleUrls(tx, site, entries))];
  return HEAD + urls.map(urlEntry).join('') + '</urlset>\n';
}
