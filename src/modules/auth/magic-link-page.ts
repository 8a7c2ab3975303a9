/**
 * The page a login link opens. It only shows a button: the link is spent by the button's POST, never by
 * opening it, so mail scanners that pre-open links cannot use them up and a link mailed by someone else
 * does not silently log the reader in.
 */
import { acceptedLanguages, matchLanguage } from '../../platform/http/accept-language.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** The consume URL the form posts to (the link's own path and query). */
export function consumeUrl(token: string, workspaceSlug: string): string {
  return `/api/auth/customer/magic-link/consume?${new URLSearchParams({ token, workspace: workspaceSlug }).toString()}`;
}

const TEXT = {
  en: {
    title: (name: string) => `Log in to ${name} support`,
    body: 'Press the button to log in with the link from your email. It works once.',
    button: 'Log in',
  },
  de: {
    title: (name: string) => `Anmelden beim Support von ${name}`,
    body: 'Drücken Sie die Schaltfläche, um sich mit dem Link aus Ihrer E-Mail anzumelden. Er gilt einmal.',
    button: 'Anmelden',
  },
} as const;
export type PageLanguage = keyof typeof TEXT;

/**
 * The page's language: the reader's browser's (Accept-Language) where we have it, else the workspace's.
 */
export function pageLanguage(acceptLanguage: string | undefined, workspaceLanguage: string): PageLanguage {
  const available = Object.keys(TEXT);
  for (const wanted of acceptedLanguages(acceptLanguage)) {
    const match = matchLanguage(wanted, available);
    if (match) return match as PageLanguage;
  }
  return (matchLanguage(workspaceLanguage.toLowerCase(), available) ?? 'en') as PageLanguage;
}

/** The HTML of the page: the workspace's name and one form with a "Log in" button. */
export function magicLinkPage(workspaceName: string, action: string, language: PageLanguage = 'en'): string {
  const name = escapeHtml(workspaceName);
  const text = TEXT[language];
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${text.title(name)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; background: #f5f6f8; color: #1d2330; }
main { background: #fff; padding: 2rem 2.5rem; border-radius: 8px; box-shadow: 0 1px 4px rgb(0 0 0 / 12%); max-width: 26rem; }
button { font: inherit; padding: 0.6rem 1.4rem; border: 0; border-radius: 6px; background: #2457d6; color: #fff; cursor: pointer; }
</style>
</head>
<body>
<main>
<h1>${text.title(name)}</h1>
<p>${text.body}</p>
<form method="post" action="${escapeHtml(action)}">
<button type="submit">${text.button}</button>
</form>
</main>
</body>
</html>
`;
}
