/**
 * The HTML frame every default mail shares: what common mail clients render alike (Outlook's Word
 * engine included): one centred 600 px table, inline styles only, no external CSS, system fonts, no
 * images but the workspace's logo, and the workspace's accent colour ({{workspace.accent_color}}) on the
 * top border, links and buttons.
 */

const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:22px;color:#1f2933;';

/** A paragraph of the HTML part. */
export const p = (html: string) => `<p style="margin:0 0 16px 0;${FONT}">${html}</p>`;

/** The whole HTML part: the logo, `body`, and a small `footer` under a rule. */
export function page(body: string, footer: string): string {
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>',
    '<body style="margin:0;padding:0;background-color:#f4f5f7;">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f7;">',
    '<tr><td align="center" style="padding:24px 12px;">',
    '<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:100%;background-color:#ffffff;border:1px solid #e1e4e8;border-top:4px solid {{workspace.accent_color}};">',
    `<tr><td style="padding:24px 28px 8px 28px;">{{workspace.logo}}${body}</td></tr>`,
    `<tr><td style="padding:12px 28px 20px 28px;border-top:1px solid #e1e4e8;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:18px;color:#6b7785;">${footer}</td></tr>`,
    '</table>',
    '</td></tr></table>',
    '</body></html>',
  ].join('\n');
}

/** A link to the customer's ticket in the portal. */
export const portalLink = (label: string) =>
  `<a href="{{portal.link}}" style="color:{{workspace.accent_color}};text-decoration:underline;">${label}</a>`;

/**
 * The button of an account mail ({{link.url}}: the login or password link), a table cell so that
 * Outlook paints its background, followed by the address as text for clients that block links.
 */
export const linkButton = (label: string, fallback: string) =>
  '<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px 0;"><tr>' +
  '<td style="background-color:{{workspace.accent_color}};border-radius:4px;">' +
  '<a href="{{link.url}}" style="display:inline-block;padding:10px 20px;font-family:Arial,Helvetica,sans-serif;' +
  `font-size:15px;font-weight:bold;color:#ffffff;text-decoration:none;">${label}</a></td></tr></table>` +
  p(
    `${fallback}<br>\n<a href="{{link.url}}" style="color:{{workspace.accent_color}};word-break:break-all;">{{link.url}}</a>`,
  );
