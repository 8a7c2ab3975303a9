/** The page shell every help-centre page shares: head (SEO links, inline CSS), header with search, footer. */
import { markup, trustedHtml, type Html } from './html.js';
import { languageName, messagesFor } from './messages.js';
import type { Branding } from '../../workspaces/index.js';
import type { SitePaths } from './paths.js';
import { SITE_CSS } from './styles.js';

export interface Alternate {
  language: string;
  /** Absolute URL of the same page in that language. */
  href: string;
}

export interface PageShell {
  language: string;
  workspaceName: string;
  paths: SitePaths;
  /** Absolute origin for canonical and alternate links, e.g. https://support.example.com */
  origin: string;
  title: string;
  description: string;
  /** Path of this page's canonical URL; omitted for pages that must not be indexed. */
  canonicalPath?: string;
  /** Translations of this page (the current language included), for hreflang links and the switcher. */
  alternates?: readonly Alternate[];
  /** The languages the help centre has, for the switcher on pages without translations. */
  languages: readonly string[];
  query?: string;
  noindex?: boolean;
  body: Html;
  /** The workspace's accent colour and logo; absent on pages outside any workspace. */
  branding?: Branding;
}

/**
 * The accent colour for the light scheme only: the API guarantees 4.5:1 against white, which says
 * nothing about the dark background, where the site keeps its own light accent.
 */
function accentCss(branding: Branding | undefined): string {
  const colour = branding?.accentColor;
  if (!colour || !/^#[0-9a-f]{6}$/.test(colour)) return '';
  return `@media (prefers-color-scheme:light){:root{--accent:${colour}}}header.site{border-top:4px solid ${colour}}`;
}

function languageSwitcher(shell: PageShell): Html {
  const targets: Alternate[] =
    shell.alternates && shell.alternates.length > 1
      ? [...shell.alternates]
      : shell.languages.map((language) => ({ language, href: shell.paths.home(language) }));
  if (targets.length < 2) return markup``;
  const item = (t: Alternate) =>
    t.language === shell.language
      ? markup`<li><a aria-current="true" lang="${t.language}" href="${t.href}">${languageName(t.language)}</a></li>`
      : markup`<li><a hreflang="${t.language}" lang="${t.language}" href="${t.href}">${languageName(t.language)}</a></li>`;
  return markup`<ul class="langs" aria-label="Language">${targets.map(item)}</ul>`;
}

/** A complete HTML document. */
export function page(shell: PageShell): string {
  const t = messagesFor(shell.language);
  const title = `${shell.title} – ${shell.workspaceName}`;
  const alternates = shell.alternates && shell.alternates.length > 1 ? shell.alternates : [];
  const head = markup`<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${shell.description}">
${shell.noindex ? markup`<meta name="robots" content="noindex">` : ''}
${shell.canonicalPath ? markup`<link rel="canonical" href="${shell.origin + shell.canonicalPath}">` : ''}
${alternates.map((a) => markup`<link rel="alternate" hreflang="${a.language}" href="${a.href}">\n`)}
<style>${trustedHtml(SITE_CSS + accentCss(shell.branding))}</style>`;
  const logo = shell.branding?.logoUrl
    ? markup`<img class="logo" src="${shell.branding.logoUrl}" alt="" height="32">`
    : '';
  const header = markup`<header class="site"><div class="wrap">
<a class="brand" href="${shell.paths.home(shell.language)}">${logo}${shell.workspaceName} · ${t.helpCentre}</a>
${languageSwitcher(shell)}
</div></header>`;
  const search = markup`<form class="search" role="search" method="get" action="${shell.paths.search(shell.language)}">
<input type="search" name="q" value="${shell.query ?? ''}" placeholder="${t.searchPlaceholder}" aria-label="${t.searchLabel}" maxlength="200">
<button type="submit">${t.searchButton}</button>
</form>`;
  const footer = markup`<footer class="site"><div class="wrap">${t.stillNeedHelp} <a href="${shell.paths.contact()}">${t.contactUs}</a></div></footer>`;
  const doc = markup`<!doctype html>
<html lang="${shell.language}">
<head>
${head}
</head>
<body>
${header}
<main class="wrap">
${search}
${shell.body}
</main>
${footer}
</body>
</html>
`;
  return doc.value;
}
