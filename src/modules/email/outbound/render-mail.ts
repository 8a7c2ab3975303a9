/**
 * Mail-template placeholders — {{customer.name}}, {{ticket.number}}, {{link.url}}… — rendered into the
 * text part as they are and into the HTML part escaped (a customer named `<b>` stays text), with line
 * breaks kept. A template with an unknown placeholder is refused when it is saved.
 */
import { invalid } from '../../../platform/errors.js';

export const MAIL_PLACEHOLDERS = [
  'customer.name',
  'customer.email',
  'ticket.number',
  'ticket.subject',
  'ticket.status',
  'agent.name',
  'message.text',
  'portal.link',
  'workspace.name',
  'workspace.accent_color',
  'workspace.logo',
  'mailbox.signature',
  'link.url',
  'link.expires_in',
  'user.name',
  'inviter.name',
] as const;
export type MailPlaceholder = (typeof MAIL_PLACEHOLDERS)[number];
export type MailValues = Record<MailPlaceholder, string>;

/** Every placeholder empty: a mail sets the ones it has (a ticket mail has no link.url, …). */
export const NO_MAIL_VALUES: Readonly<MailValues> = Object.fromEntries(
  MAIL_PLACEHOLDERS.map((name) => [name, '']),
) as MailValues;

const PATTERN = /\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}/g;

/** Throws 400 naming the placeholders of `text` that do not exist. */
export function assertKnownMailPlaceholders(text: string, path: string): void {
  const known = new Set<string>(MAIL_PLACEHOLDERS);
  const unknown = [...text.matchAll(PATTERN)].map((m) => m[1] ?? '').filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw invalid(
      path,
      `unknown placeholder(s) ${unknown.map((u) => `{{${u}}}`).join(', ')}; use ${MAIL_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
    );
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML: escaped, line breaks as <br>. */
export function textToHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c).replace(/\r?\n/g, '<br>\n');
}

/**
 * Placeholders whose HTML is an element rather than text: {{workspace.logo}} is the logo as an image
 * (its value is the absolute URL), or nothing when the workspace has none; in the text part it is empty.
 */
const HTML_ELEMENTS: Partial<Record<MailPlaceholder, (value: string, values: MailValues) => string>> = {
  'workspace.logo': (url, values) =>
    url === ''
      ? ''
      : `<img src="${textToHtml(url)}" alt="${textToHtml(values['workspace.name'])}" height="40" ` +
        'style="display:block;border:0;height:40px;width:auto;max-width:240px;margin:0 0 16px 0;">',
};
const TEXT_HIDDEN: ReadonlySet<string> = new Set<MailPlaceholder>(['workspace.logo']);

/** The text part: placeholders replaced by their values as they are. */
export function renderText(template: string, values: MailValues): string {
  return template.replace(PATTERN, (whole, name: string) => {
    if (!Object.hasOwn(values, name)) return whole;
    return TEXT_HIDDEN.has(name) ? '' : values[name as MailPlaceholder];
  });
}

/** The HTML part: placeholders replaced by their values escaped for HTML ({{workspace.logo}}: an image). */
export function renderHtml(template: string, values: MailValues): string {
  return template.replace(PATTERN, (whole, name: string) => {
    if (!Object.hasOwn(values, name)) return whole;
    const key = name as MailPlaceholder;
    const element = HTML_ELEMENTS[key];
    return element ? element(values[key], values) : textToHtml(values[key]);
  });
}
