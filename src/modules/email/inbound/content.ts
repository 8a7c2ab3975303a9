/**
 * What of a mail is shown (issue 14, point 5): the text part preferred for the message; the quoted
 * history and signature folded away (kept beside it, and the raw mail stays the original); the HTML part
 * sanitised with an allow-list — no scripts, no event handlers, no styles, and no remote resources: an
 * image survives only as an inline `cid:` part we stored, rewritten to its attachment URL.
 */
import sanitizeHtml from 'sanitize-html';

/** Lines that start the quoted history of a reply (Gmail, Apple Mail, Outlook, Thunderbird; en/de/fr). */
const QUOTE_HEADERS = [
  /^On .{1,300}wrote:\s*$/,
  /^Am .{1,300}schrieb.{0,200}:\s*$/,
  /^Le .{1,300}a écrit\s*:\s*$/,
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Forwarded message|Weitergeleitete Nachricht)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^From:\s.+$/,
  /^Von:\s.+$/,
];

export interface FoldedText {
  /** What the message shows: the new text of this mail. */
  visible: string;
  /** Folded away: the quoted history and the signature ('' when there was none). */
  folded: string;
}

function isQuoteStart(lines: string[], i: number): boolean {
  const line = lines[i] ?? '';
  if (QUOTE_HEADERS.some((re) => re.test(line.trim()))) {
    // "From:" alone is only a quote header in a block of header lines (Outlook's reply header).
    if (/^(From|Von):/.test(line.trim()))
      return /^(Sent|Gesendet|Date|Datum|To|An|Subject|Betreff):/.test((lines[i + 1] ?? '').trim());
    return true;
  }
  // Gmail wraps a long "On … wrote:" over two lines.
  if (/^On .{1,300}$/.test(line.trim()) && /^.{0,200}wrote:\s*$/.test((lines[i + 1] ?? '').trim()))
    return true;
  // A block of "> " lines that runs to the end (only blank lines or more quotes after it).
  if (/^>/.test(line)) return lines.slice(i).every((l) => /^>/.test(l) || l.trim() === '');
  return false;
}

/** Splits a reply's text into its new part and the folded quote + signature. */
export function foldQuotes(text: string): FoldedText {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let cut = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '-- ' || lines[i] === '--' || isQuoteStart(lines, i)) {
      cut = i;
      break;
    }
  }
  const visible = lines.slice(0, cut).join('\n').trim();
  const folded = lines.slice(cut).join('\n').trim();
  // A mail that is all quote (a bare forward) shows in full.
  if (!visible) return { visible: text.trim(), folded: '' };
  return { visible, folded };
}

/**
 * The HTML part, sanitised (where the mail is parsed, off the main thread: read-mail.ts). An image
 * survives only with a `cid:` source, as a placeholder that linkInlineImages() turns into the URL of the
 * attachment it was stored as, once that exists; any other image source is dropped (a remote image would
 * tell the sender the mail was read).
 */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center'],
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'target'],
      img: ['src', 'alt', 'width', 'height'],
      td: ['colspan', 'rowspan', 'align', 'valign'],
      th: ['colspan', 'rowspan', 'align', 'valign'],
      '*': ['dir', 'lang'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['cid'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' },
      }),
      img: (tagName, attribs) =>
        /^cid:./i.test(attribs.src ?? '') ? { tagName, attribs } : { tagName, attribs: {} },
    },
    allowedSchemesAppliedToAttributes: ['href', 'cite', 'src'],
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };
const unescape = (value: string) =>
  value.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => entities[e] ?? '');
const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Sanitised HTML (sanitizeMailHtml) with each `cid:` image pointed at its stored attachment: `inline` maps
 * a Content-ID (without <>) to the attachment's URL; an image whose part was not stored is dropped. The
 * sanitiser writes every attribute quoted and escapes `<`, `>` and `"` in values and text, so an `<img …>`
 * tag of its output ends at the first `>`.
 */
export function linkInlineImages(sanitized: string, inline: Map<string, string>): string {
  return sanitized.replace(/<img\b[^>]*>/g, (tag) => {
    const src = /\ssrc="cid:([^"]*)"/i.exec(tag);
    if (!src) return '';
    let cid: string;
    try {
      cid = decodeURIComponent(unescape(src[1] ?? ''));
    } catch {
      return '';
    }
    const url = inline.get(cid.replace(/^<|>$/g, ''));
    if (!url) return '';
    return tag.replace(src[0], ` src="${escapeAttribute(url)}"`);
  });
}
