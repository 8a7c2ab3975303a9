/**
 * The page a login link opens. It only shows a button: the link is spent by the button's POST, never by
 * opening it, so mail scanners that pre-open links cannot use them up and a link mailed by someone else
 * does not silently log the reader in.
 */
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

/** The HTML of the page: the workspace's name and one form with a "Log in" button. */
export function magicLinkPage(workspaceName: string, action: string): string {
  const name = escapeHtml(workspaceName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>Log in to ${name} support</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; background: #f5f6f8; color: #1d2330; }
main { background: #fff; padding: 2rem 2.5rem; border-radius: 8px; box-shadow: 0 1px 4px rgb(0 0 0 / 12%); max-width: 26rem; }
button { font: inherit; padding: 0.6rem 1.4rem; border: 0; border-radius: 6px; background: #2457d6; color: #fff; cursor: pointer; }
</style>
</head>
<body>
<main>
<h1>Log in to ${name} support</h1>
<p>Press the button to log in with the link from your email. It works once.</p>
<form method="post" action="${escapeHtml(action)}">
<button type="submit">Log in</button>
</form>
</main>
</body>
</html>
`;
}
