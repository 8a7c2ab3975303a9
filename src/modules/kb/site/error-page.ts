/** The help centre's error pages (404 and the rare 400/500): HTML like the rest of the site. */
import { markup, trustedHtml } from './html.js';
import { page } from './layout.js';
import { messagesFor } from './messages.js';
import { SITE_CSS } from './styles.js';
import type { SiteContext } from './site-context.js';

/** "Page not found" inside the workspace's help centre, in its language. */
export function renderNotFoundPage(site: SiteContext, language: string): string {
  const t = messagesFor(language);
  return page({
    language,
    workspaceName: site.workspace.name,
    branding: site.branding,
    paths: site.paths,
    origin: site.origin,
    title: t.notFoundTitle,
    description: t.notFoundText,
    languages: site.languages,
    noindex: true,
    body: markup`<h1>${t.notFoundTitle}</h1>
      <p>${t.notFoundText}</p>
      <p><a href="${site.paths.home(language)}">${t.backHome}</a></p>`,
  });
}

/** A page for when there is no help centre to put it in (unknown workspace) or something failed. */
export function renderBarePage(status: 400 | 404 | 429 | 500, language = 'en'): string {
  const t = messagesFor(language);
  const texts: Record<typeof status, [string, string]> = {
    400: [t.badRequestTitle, t.badRequestText],
    404: [t.notFoundTitle, t.notFoundText],
    429: [t.tooManyTitle, t.tooManyText],
    500: [t.errorTitle, t.errorText],
  };
  const [title, text] = texts[status];
  return markup`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>${trustedHtml(SITE_CSS)}</style>
</head>
<body><main class="wrap"><h1>${title}</h1><p>${text}</p></main></body>
</html>
`.value;
}
