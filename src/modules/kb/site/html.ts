/**
 * A tiny HTML builder for the server-rendered help centre: the `markup` tagged template escapes every
 * interpolated value unless it is already Html (built by `markup` itself, or vouched for with
 * `trustedHtml` for markup that was sanitised elsewhere). Arrays are joined; null, undefined and false
 * render nothing, so conditionals read naturally: ${cond && markup`…`}.
 */

/** Markup that is safe to put into a page as is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for an element body or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map((v: HtmlValue) => render(v)).join('');
  return escapeHtml(String(value));
}

/** Builds markup; every interpolation is escaped unless it is Html. */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  // The template's own line breaks and indentation (source formatting) shrink to one newline; the
  // values are left exactly as they are (an article's <pre> keeps its spaces).
  const text = (i: number) => (strings[i] ?? '').replace(/\n\s+/g, '\n');
  let out = text(0);
  for (let i = 0; i < values.length; i++) out += render(values[i]) + text(i + 1);
  return new Html(out);
}

/** Marks markup produced by a sanitiser (article bodies) as safe. Never pass user input here. */
export function trustedHtml(markup: string): Html {
  return new Html(markup);
}

/**
 * A search snippet with only its <mark> highlighting kept as markup: everything else is escaped, so a
 * snippet cut from article text can never inject tags, whatever the text contained. Entities the
 * snippet already carries are decoded first, so they are not escaped twice.
 */
export function markedSnippet(snippet: string): Html {
  const parts = snippet.split(/(<\/?mark>)/gi);
  return new Html(
    parts
      .map((part) => {
        if (/^<mark>$/i.test(part)) return '<mark>';
        if (/^<\/mark>$/i.test(part)) return '</mark>';
        return escapeHtml(decodeEntities(part.replace(/<[^>]*>/g, '')));
      })
      .join(''),
  );
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return safeCodePoint(parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10), whole);
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
